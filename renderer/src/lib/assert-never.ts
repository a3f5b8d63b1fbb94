/**
 * Exhaustiveness guard for switches over unions (the renderer cannot import main/domain).
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
