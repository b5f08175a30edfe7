import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** 'memory' (PGlite) or a postgres:// URL. */
  db: string;
  /** A tiny run that CI can afford; figures from it mean nothing. */
  smoke: boolean;
}

export function benchArgs(): BenchArgs {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'memory' },
      smoke: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return { db: values.db ?? 'memory', smoke: values.smoke ?? false };
}

/** The contract every benchmark ends with: its last stdout line is one flat JSON object. */
export function report(bench: string, metrics: Record<string, string | number | boolean>): void {
  process.stdout.write(JSON.stringify({ bench, ...metrics }) + '\n');
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return Math.round(sortedMs[Math.max(0, i)]! * 100) / 100;
}
