import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatMoney } from '../../../lib/money';
import { addProduct, cartTotals, emptyCart } from '../model';
import type { TenderEntry } from '../tender';
import { PayPanel } from './PayPanel';

const rp = (amount: number) => formatMoney(amount, 'IDR', 'id-ID');
const kopi = { id: 'p1', name: 'Kopi Susu', sku: null, price: 8_000, taxRateBp: 1100 };
const beras = { id: 'p2', name: 'Beras 5 kg', sku: null, price: 75_000, taxRateBp: 0 };

function setup({
  step = 0,
  online = true,
  cart = addProduct(addProduct(emptyCart(), kopi, 2), beras),
} = {}) {
  const onComplete = vi.fn<(entries: TenderEntry[]) => Promise<void>>(async () => {});
  const totals = cartTotals(cart, { taxMode: 'inclusive', cashRoundingStep: step });
  render(
    <PayPanel
      totals={totals}
      currency="IDR"
      locale="id"
      online={online}
      onComplete={onComplete}
      onBack={() => {}}
    />,
  );
  return { onComplete };
}

const cashInput = () => screen.getByLabelText('Uang diterima');
const complete = () => screen.getByRole('button', { name: 'Selesaikan penjualan' });

afterEach(cleanup);

describe('pay screen', () => {
  it('shows the change live as the cashier types what was handed over', async () => {
    const { onComplete } = setup();
    expect(screen.getByTestId('pay-due').textContent).toContain(rp(91_000));
    fireEvent.change(cashInput(), { target: { value: '100rb' } });
    expect(screen.getByTestId('pay-change').textContent).toBe(rp(9_000));
    expect((complete() as HTMLButtonElement).disabled).toBe(false);
    await act(async () => fireEvent.click(complete()));
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete.mock.calls[0]![0]).toMatchObject([{ method: 'cash', amount: 100_000 }]);
  });

  it('cannot complete while the cash is short, and says by how much', () => {
    setup();
    fireEvent.change(cashInput(), { target: { value: '50.000' } });
    expect((complete() as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toContain(`Kurang ${rp(41_000)}.`);
    fireEvent.change(cashInput(), { target: { value: 'lima puluh' } });
    expect(screen.getByRole('alert').textContent).toContain('Jumlah tidak valid.');
    expect((complete() as HTMLInputElement).disabled).toBe(true);
  });

  it('offers the exact amount and the notes a customer hands over', () => {
    setup();
    const quick = screen.getByRole('group', { name: 'Jumlah cepat' });
    const labels = [...quick.querySelectorAll('button')].map((b) => b.textContent);
    expect(labels).toEqual([`Uang pas · ${rp(91_000)}`, rp(95_000), rp(100_000)]);
    fireEvent.click(screen.getByRole('button', { name: rp(100_000) }));
    expect(screen.getByTestId('pay-change').textContent).toBe(rp(9_000));
  });

  it('splits between QRIS (pending until confirmed) and cash', async () => {
    const { onComplete } = setup();
    fireEvent.click(screen.getByRole('radio', { name: 'QRIS' }));
    const amount = screen.getByTestId('other-amount');
    expect((amount as HTMLInputElement).value).toBe('91000');
    fireEvent.change(amount, { target: { value: '50000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tambah QRIS' }));
    expect(screen.getByTestId('pay-remaining').textContent).toBe(rp(41_000));
    expect(screen.getByRole('button', { name: /Menunggu konfirmasi/ })).toBeTruthy();
    // Back on cash, the quick amounts are for what is left.
    expect((screen.getByRole('radio', { name: 'Tunai' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(cashInput(), { target: { value: '50000' } });
    expect(screen.getByTestId('pay-change').textContent).toBe(rp(9_000));
    expect(screen.getByText(/1 pembayaran belum dikonfirmasi/)).toBeTruthy();
    await act(async () => fireEvent.click(complete()));
    expect(onComplete.mock.calls[0]![0]).toMatchObject([
      { method: 'qris', amount: 50_000, confirmed: false },
      { method: 'cash', amount: 50_000 },
    ]);
  });

  it('rounds the amount due for cash only', () => {
    setup({ step: 500, cart: addProduct(emptyCart(), { ...kopi, price: 8_250 }) });
    expect(screen.getByTestId('pay-due').textContent).toBe(rp(8_250));
    fireEvent.change(cashInput(), { target: { value: '10000' } });
    expect(screen.getByTestId('pay-due').textContent).toBe(rp(8_500));
    expect(screen.getByTestId('pay-change').textContent).toBe(rp(1_500));
    fireEvent.click(screen.getByRole('radio', { name: 'QRIS' }));
    expect((screen.getByTestId('other-amount') as HTMLInputElement).value).toBe('8250');
  });

  it('keeps card for when the till is online', () => {
    setup({ online: false });
    expect((screen.getByRole('radio', { name: 'Kartu' }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('Kartu butuh koneksi internet.')).toBeTruthy();
  });

  it('shows why the sale could not be saved', async () => {
    const { onComplete } = setup();
    onComplete.mockRejectedValueOnce(Object.assign(new Error('x')));
    fireEvent.change(cashInput(), { target: { value: '100000' } });
    await act(async () => fireEvent.click(complete()));
    expect(screen.getByRole('alert').textContent).toContain('Terjadi kesalahan');
  });
});
