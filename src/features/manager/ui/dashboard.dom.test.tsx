import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertDetail, AlertRow, FeedRow, FleetTill, Summary } from '../model';
import { AlertsInbox } from './AlertsInbox';
import { Fleet } from './Fleet';
import { shopFormats } from './format';
import { KpiPanel } from './KpiPanel';
import { SalesFeed } from './SalesFeed';

const SHOP = { currency: 'IDR', currencyExponent: 0, timezone: 'Asia/Jakarta' };
const id = shopFormats('id', SHOP);
const en = shopFormats('en', SHOP);

afterEach(cleanup);

/** Text as a reader sees it: Intl puts a no-break space after "Rp". */
const txt = (el: HTMLElement) => (el.textContent ?? '').replace(/\u00a0/g, ' ');

const summary: Summary = {
  day: '2025-01-06',
  timezone: 'Asia/Jakarta',
  currency: 'IDR',
  currency_exponent: 0,
  from: '2025-01-05T17:00:00.000Z',
  to: '2025-01-06T17:00:00.000Z',
  totals: {
    revenue: 1_250_000,
    transactions: 50,
    average_basket: 25_000,
    refunds: 30_000,
    refund_count: 2,
    voided: 1,
    net_revenue: 1_220_000,
  },
  outlets: [],
  hours: Array.from({ length: 24 }, (_, hour) => ({ hour, revenue: 0, transactions: 0 })),
  payments: [],
  cashiers: [],
  products: [],
};

const row: FeedRow = {
  sale_id: 's1',
  receipt_no: 'JKT1-T1-000042',
  outlet_code: 'JKT1',
  device_id: 'd1',
  device_name: 'Kasir Depan',
  device_code: 'T1',
  staff_id: 'st1',
  staff_name: 'Ani',
  status: 'completed',
  total_due: 24_500,
  item_count: 3,
  methods: ['cash', 'qris'],
  // 15:00 in Jakarta.
  completed_at: '2025-01-06T08:00:00.000Z',
  received_at: '2025-01-06T10:05:00.000Z',
  latency_ms: 2 * 3600_000 + 5 * 60_000,
};

describe('KpiPanel', () => {
  it('shows the four figures in rupiah per locale', () => {
    render(<KpiPanel summary={summary} f={id} />);
    expect(txt(screen.getByTestId('kpi-revenue'))).toContain(
      'OmzetRp 1.250.000Bersih Rp 1.220.000',
    );
    expect(txt(screen.getByTestId('kpi-transactions'))).toContain('50');
    expect(txt(screen.getByTestId('kpi-transactions'))).toContain('1 dibatalkan');
    expect(txt(screen.getByTestId('kpi-average'))).toContain('Rp 25.000');
    expect(txt(screen.getByTestId('kpi-refunds'))).toContain('2 refund');
    cleanup();
    render(<KpiPanel summary={summary} f={en} />);
    expect(txt(screen.getByTestId('kpi-revenue'))).toContain('IDR 1,250,000');
    expect(txt(screen.getByTestId('kpi-transactions'))).toContain('1 voided');
  });
});

describe('SalesFeed', () => {
  it('shows till, cashier, items, methods, local time and a slow sync as a warning', () => {
    render(
      <SalesFeed
        rows={[
          row,
          {
            ...row,
            sale_id: 's2',
            receipt_no: 'JKT1-T1-000043',
            status: 'voided',
            latency_ms: 300,
          },
        ]}
        f={id}
      />,
    );
    const [first, second] = screen.getAllByTestId('feed-row') as [HTMLElement, HTMLElement];
    expect(txt(first)).toContain('Rp 24.500');
    expect(txt(first)).toContain('Kasir Depan (T1)');
    expect(txt(first)).toContain('Kasir: Ani');
    expect(txt(first)).toContain('3 barang');
    expect(txt(first)).toContain('Tunai + QRIS');
    expect(txt(first)).toContain('15.00');
    const slow = within(first).getByTestId('feed-latency');
    expect(txt(slow)).toContain('Jeda sinkron: 2 j 5 mnt');
    expect(slow.classList.contains('pill-warn')).toBe(true);
    expect(txt(within(second).getByTestId('feed-latency'))).toContain('300 md');
    expect(within(second).getByTestId('feed-latency').classList.contains('pill-warn')).toBe(false);
    expect(txt(second)).toContain('Dibatalkan');
  });

  it('says what will appear when there is nothing yet', () => {
    render(<SalesFeed rows={[]} f={en} />);
    expect(screen.getByText('Sales appear here as soon as a till completes them.')).toBeTruthy();
  });
});

describe('Fleet', () => {
  const base: FleetTill = {
    id: 't1',
    name: 'Kasir Depan',
    code: 'T1',
    outletId: 'o1',
    online: true,
    seen: true,
    paired: true,
    cashier: 'Ani',
    pending: 0,
    oldestPendingAt: null,
    needsAttention: 0,
    lastSyncAt: '2025-01-06T08:00:00.000Z',
    appVersion: '0.1.0',
    atRisk: false,
  };
  const now = Date.parse('2025-01-06T08:10:00.000Z');
  const outlets = new Map([['o1', { code: 'JKT1', name: 'Jakarta' }]]);

  it('flags an offline till with unsynced sales above the list', () => {
    const risky: FleetTill = {
      ...base,
      id: 't2',
      name: 'Kasir Dago',
      code: 'T3',
      online: false,
      cashier: null,
      pending: 4,
      oldestPendingAt: '2025-01-06T07:40:00.000Z',
      atRisk: true,
    };
    render(<Fleet tills={[risky, base]} outlets={outlets} presenceAvailable now={now} f={en} />);
    expect(txt(screen.getByRole('alert'))).toContain('Kasir Dago: Offline with 4 unsynced sales');
    const [first, second] = screen.getAllByTestId('fleet-till') as [HTMLElement, HTMLElement];
    expect(first.classList.contains('till-at-risk')).toBe(true);
    expect(txt(within(first).getByTestId('till-pending'))).toContain('4 (oldest 30 min)');
    expect(txt(within(first).getByTestId('till-status'))).toContain('Offline');
    expect(txt(within(second).getByTestId('till-status'))).toContain('Online');
    expect(txt(second)).toContain('Ani');
    expect(txt(second)).toContain('10 min ago');
  });

  it('explains when live status is unavailable', () => {
    render(
      <Fleet
        tills={[{ ...base, online: false, seen: false, pending: null, cashier: null }]}
        outlets={outlets}
        presenceAvailable={false}
        now={now}
        f={id}
      />,
    );
    expect(screen.getByText(/Status langsung perangkat belum tersedia/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('AlertsInbox', () => {
  const alert: AlertRow = {
    id: 'a1',
    kind: 'rejected_mutation',
    payload: { kind: 'sale.complete', code: 'totals_mismatch' },
    product_id: null,
    sale_id: null,
    device_id: 'd1',
    occurrences: 1,
    resolved_at: null,
    created_at: '2025-01-06T08:00:00.000Z',
  };
  const detail: AlertDetail = {
    alert,
    product: null,
    location: null,
    device: { name: 'Kasir Depan', device_code: 'T1' },
    mutation: {
      kind: 'sale.complete',
      code: 'totals_mismatch',
      message: 'the till computed 24.500, the server 24.501',
      staff_name: 'Ani',
      device_created_at: '2025-01-06T07:59:00.000Z',
      payload: { receipt_no: 'JKT1-T1-000009' },
    },
    sales: [],
  };

  it('opens an alert, shows the reason and resolves it with a note', async () => {
    const loadDetail = vi.fn(async () => detail);
    const resolve = vi.fn(async () => {});
    render(
      <AlertsInbox
        alerts={[alert]}
        now={Date.parse('2025-01-06T08:05:00.000Z')}
        f={en}
        loadDetail={loadDetail}
        resolve={resolve}
      />,
    );
    expect(txt(screen.getByTestId('alert'))).toContain(
      'Sync rejectedsale.complete rejected: totals_mismatch',
    );
    const open = screen.getByRole('button', { name: 'Open' });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(open);
    expect(screen.getByRole('button', { name: 'Close' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    const panel = await screen.findByRole('region', { name: 'Alert details' });
    await waitFor(() => expect(txt(panel)).toContain("Server's reason: totals_mismatch"));
    expect(txt(panel)).toContain('Kasir Depan · Ani');
    expect(txt(panel)).toContain('JKT1-T1-000009');
    expect(txt(panel)).toContain('No stored sales for this alert.');
    fireEvent.change(within(panel).getByLabelText('Resolution note (optional)'), {
      target: { value: 'till fixed' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Mark resolved' }));
    await waitFor(() => expect(resolve).toHaveBeenCalledWith('a1', 'till fixed'));
    expect(loadDetail).toHaveBeenCalledWith('a1');
  });
});
