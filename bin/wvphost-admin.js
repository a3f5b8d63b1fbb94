#!/usr/bin/env node
// The wvphost-admin command: runs the TypeScript CLI (main/cli/index.ts) through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
await main();
