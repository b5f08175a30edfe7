import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../../lib/errors';
import type { Discount } from '../../../lib/totals';
import { DiscountEditor } from './DiscountEditor';

type Save = (discount: Discount | null, note: string | null, price: number | null) => Promise<void>;

function setup(onSave: Save = async () => {}, withPrice = true) {
  const save = vi.fn<Save>(onSave);
  const onClose = vi.fn();
  render(
    <DiscountEditor
      title="Teh Melati Botol Kecil"
      discount={null}
      {...(withPrice && { note: null, price: { unit: 4_500, catalog: 4_500 } })}
      currency="IDR"
      locale="id"
      onSave={save}
      onClose={onClose}
    />,
  );
  return { save, onClose };
}

const priceInput = () => screen.getByTestId('line-price');
const saveButton = () => screen.getByRole('button', { name: 'Simpan' });

afterEach(cleanup);

describe('line editor: unit price', () => {
  it('saves the price the cashier typed and says it differs from the catalog', async () => {
    const { save, onClose } = setup();
    expect((priceInput() as HTMLInputElement).value).toBe('4500');
    expect(screen.queryByText(/Harga diubah/)).toBeNull();
    fireEvent.change(priceInput(), { target: { value: '4rb' } });
    expect(screen.getByText('Harga diubah (katalog Rp 4.500)')).toBeTruthy();
    await act(async () => fireEvent.click(saveButton()));
    expect(save).toHaveBeenCalledWith(null, '', 4_000);
    expect(onClose).toHaveBeenCalled();
  });

  it('goes back to the catalog price with one tap', async () => {
    const { save } = setup();
    fireEvent.change(priceInput(), { target: { value: '3000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kembalikan harga katalog' }));
    expect((priceInput() as HTMLInputElement).value).toBe('4500');
    expect(screen.queryByText(/Harga diubah/)).toBeNull();
    await act(async () => fireEvent.click(saveButton()));
    expect(save).toHaveBeenCalledWith(null, '', 4_500);
  });

  it('cannot save a price it cannot read, and shows a refusal without closing', async () => {
    const { save, onClose } = setup(async () => {
      throw new DomainError('approval_required');
    });
    fireEvent.change(priceInput(), { target: { value: 'murah' } });
    expect(screen.getByRole('alert').textContent).toBe('Jumlah tidak valid.');
    expect((saveButton() as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(priceInput(), { target: { value: '' } });
    expect((saveButton() as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(priceInput(), { target: { value: '2000' } });
    await act(async () => fireEvent.click(saveButton()));
    expect(save).toHaveBeenCalledWith(null, '', 2_000);
    expect(screen.getByRole('alert').textContent).toBe('Butuh persetujuan manajer.');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('offers no price for an order discount', async () => {
    const { save } = setup(async () => {}, false);
    expect(screen.queryByTestId('line-price')).toBeNull();
    await act(async () => fireEvent.click(saveButton()));
    expect(save).toHaveBeenCalledWith(null, null, null);
  });
});
