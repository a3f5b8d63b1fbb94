/**
 * The environment badge: colour and word together, so production is never mistaken for a test.
 */
import type { EnvironmentId } from '../../../preload/api.ts';

const LABELS: Readonly<Record<EnvironmentId, string>> = { production: 'Production', sandbox: 'Sandbox', demo: 'Demo' };

export function EnvironmentBadge({ environment }: { readonly environment: EnvironmentId }) {
  return (
    <span
      className={`env-badge env-${environment}`}
      data-testid="environment-badge"
      title={`Environment: ${LABELS[environment]}`}
    >
      {LABELS[environment]}
    </span>
  );
}

export function environmentLabel(environment: EnvironmentId): string {
  return LABELS[environment];
}
