/**
 * Small coloured labels for status and reissue state (always with words, never colour alone).
 */
import type { Service } from '../../../preload/api.ts';

const STATUS_TONES: Readonly<Record<string, string>> = {
  active: 'ok',
  purchased: 'info',
  newpurchase: 'accent',
  newrenewal: 'accent',
  expired: 'danger',
  cancelled: 'muted',
  revoked: 'danger',
  replaced: 'muted',
};

export function StatusPill({ status }: { readonly status: string }) {
  return <span className={`pill tone-${STATUS_TONES[status] ?? 'muted'}`}>{status}</span>;
}

export function ReissuePill({ state }: { readonly state: Service['reissueState'] }) {
  if (state === 'none') return <span className="muted">—</span>;
  return <span className={`pill ${state === 'pending' ? 'tone-warn' : 'tone-muted'}`}>{state}</span>;
}
