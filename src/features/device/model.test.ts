import { describe, expect, it } from 'vitest';
import {
  catalogVersionOf,
  normalizePairingCode,
  normalizeTillName,
  pullProgress,
  tillInfoFrom,
} from './model';

const device = {
  deviceId: 'd1',
  tenantId: 't1',
  outletId: 'o1',
  outletCode: 'JKT1',
  deviceCode: 'T4',
};

describe('pairing input', () => {
  it('normalises codes the way the server does', () => {
    expect(normalizePairingCode(' demo-jkt1 ')).toBe('DEMOJKT1');
    expect(normalizePairingCode('DEMO JKT1')).toBe('DEMOJKT1');
  });

  it('accepts till names of 1 to 80 characters, spaces collapsed', () => {
    expect(normalizeTillName('  Kasir   Depan ')).toBe('Kasir Depan');
    expect(normalizeTillName('   ')).toBeNull();
    expect(normalizeTillName('x'.repeat(81))).toBeNull();
  });
});

describe('tillInfoFrom', () => {
  const tenant = {
    id: 't1',
    name: 'Toko Lapak Demo',
    currency: 'IDR',
    timezone: 'Asia/Jakarta',
    tax_mode: 'inclusive',
    cash_rounding_step: 500,
  };

  it('reads names and sale settings from replicated rows', () => {
    expect(
      tillInfoFrom(device, {
        tenant,
        outlet: { id: 'o1', name: 'Lapak Jakarta' },
        device: { id: 'd1', name: 'Kasir Depan' },
      }),
    ).toEqual({
      shopName: 'Toko Lapak Demo',
      outletName: 'Lapak Jakarta',
      tillName: 'Kasir Depan',
      timezone: 'Asia/Jakarta',
      settings: { currency: 'IDR', taxMode: 'inclusive', cashRoundingStep: 500 },
    });
  });

  it('is null before the tenant arrives, and falls back to codes for missing names', () => {
    expect(
      tillInfoFrom(device, { tenant: undefined, outlet: undefined, device: undefined }),
    ).toBeNull();
    const info = tillInfoFrom(device, { tenant, outlet: undefined, device: undefined });
    expect([info?.outletName, info?.tillName]).toEqual(['JKT1', 'T4']);
  });
});

describe('catalog version and progress', () => {
  it('takes the newest catalog version any product carries', () => {
    expect(catalogVersionOf([{ catalog_version: 3 }, { catalog_version: 7 }, {}])).toBe(7);
    expect(catalogVersionOf([])).toBe(0);
  });

  it('never shows a full bar before the pull is done', () => {
    expect(pullProgress(50, 100, false)).toBe(0.5);
    expect(pullProgress(500, 100, false)).toBe(0.99);
    expect(pullProgress(10, null, false)).toBe(0);
    expect(pullProgress(10, null, true)).toBe(1);
  });
});
