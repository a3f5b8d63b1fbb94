/**
 * The renderer → main call surface, frozen: any change to the contract shows up in review.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, SERVER_TYPES } from '../../preload/api.ts';
import { REQUEST_SCHEMAS } from '../../main/ipc/request-schemas.ts';

describe('the renderer/main contract', () => {
  it('offers exactly these invoke channels', () => {
    expect(INVOKE_CHANNELS).toMatchInlineSnapshot(`
      [
        "app:getState",
        "environment:select",
        "environment:save",
        "environment:logout",
        "environment:testConnection",
        "settings:update",
        "services:list",
        "services:detail",
        "sync:start",
        "sync:cancel",
        "sync:history",
        "export:certificate",
        "export:report",
        "csr:check",
        "approvers:list",
        "reissue:submit",
        "activate:submit",
        "renew:submit",
        "approval:resend",
        "csr:openFile",
        "clipboard:write",
      ]
    `);
  });

  it('pushes exactly these events', () => {
    expect(EVENT_CHANNELS).toMatchInlineSnapshot(`
      [
        "sync:progress",
        "sync:finished",
        "services:changed",
        "menu:command",
      ]
    `);
  });

  it('names these server types for downloads', () => {
    expect(SERVER_TYPES).toMatchInlineSnapshot(`
      [
        "apache",
        "nginx",
        "iis",
        "tomcat",
        "cpanel",
        "plesk",
        "other",
      ]
    `);
  });

  it('has one argument schema per invoke channel and none more', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
  });
});
