import { describe, expect, it } from 'vitest';
import { burstAtEnd } from './useBarcodeWedge';

const keys = (times: number[]) => times.map((at, i) => ({ at, char: String(i % 10) }));
const evenly = (n: number, gap: number, from = 0) =>
  Array.from({ length: n }, (_, i) => from + i * gap);

describe('keyboard-wedge scanner detection', () => {
  it('hears a scanner, also when one key was held back by a busy tablet', () => {
    expect(burstAtEnd(keys(evenly(13, 8)), 13 * 8)).toHaveLength(13);
    const held = evenly(13, 8).map((t, i) => (i === 0 ? t - 120 : t));
    expect(burstAtEnd(keys(held), 13 * 8)).toHaveLength(13);
  });

  it('does not take a person typing for a scanner', () => {
    expect(burstAtEnd(keys(evenly(13, 90)), 13 * 90)).toEqual([]);
    // Too short to be a barcode.
    expect(burstAtEnd(keys(evenly(5, 5)), 25)).toEqual([]);
  });

  it('keeps only the scan when a person typed just before it', () => {
    const typed = evenly(4, 200);
    const scan = evenly(8, 6, 1_000);
    expect(burstAtEnd(keys([...typed, ...scan]), 1_048)).toHaveLength(8);
  });
});
