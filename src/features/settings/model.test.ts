import { describe, expect, it } from 'vitest';
import { formatBytes, readStorageReport } from './model';

describe('readStorageReport', () => {
  it('reads usage, quota and persistence from the browser', async () => {
    const report = await readStorageReport({
      estimate: async () => ({ usage: 5_000, quota: 80_000 }),
      persisted: async () => true,
    });
    expect(report).toEqual({ usage: 5_000, quota: 80_000, persisted: true });
  });

  it('reports unknowns instead of failing where a browser lacks or refuses a part', async () => {
    expect(await readStorageReport(undefined)).toEqual({
      usage: null,
      quota: null,
      persisted: null,
    });
    const report = await readStorageReport({
      estimate: () => Promise.reject(new Error('SecurityError')),
    });
    expect(report).toEqual({ usage: null, quota: null, persisted: null });
  });
});

describe('formatBytes', () => {
  it.each([
    [0, 'en-US', '0 B'],
    [1023, 'en-US', '1,023 B'],
    [1536, 'en-US', '1.5 KB'],
    [13_107_200, 'id-ID', '12,5 MB'],
    [150 * 1024 ** 3, 'en-US', '150 GB'],
  ])('%d bytes in %s reads %s', (bytes, locale, text) => {
    expect(formatBytes(bytes, locale)).toBe(text);
  });
});
