import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnpairPanel } from './UnpairPanel';

afterEach(cleanup);

function setup(pending: number, attention: number, error: string | null = null) {
  const onUnpair = vi.fn();
  render(
    <UnpairPanel
      locale="en"
      pending={pending}
      attention={attention}
      busy={false}
      error={error}
      onUnpair={onUnpair}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Unpair…' }));
  return { onUnpair, confirm: screen.getByRole('button', { name: 'Unpair and delete data' }) };
}

describe('unpairing a till', () => {
  it('warns with the counts and takes a typed word while anything is unsynced', () => {
    const { onUnpair, confirm } = setup(12, 1);
    expect(screen.getByRole('alertdialog').textContent).toContain(
      'WARNING: 12 records have not been sent and 1 were rejected by the server.',
    );
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(confirm);
    const word = screen.getByLabelText('Type DELETE to continue anyway');
    fireEvent.change(word, { target: { value: 'delet' } });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(word, { target: { value: ' delete ' } });
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(confirm);
    expect(onUnpair).toHaveBeenCalledOnce();
  });

  it('asks only for a confirmation when everything reached the server', () => {
    const { onUnpair, confirm } = setup(0, 0);
    expect(screen.getByRole('alertdialog').textContent).toContain(
      'Everything has reached the server.',
    );
    expect(screen.queryByLabelText(/Type DELETE/)).toBeNull();
    fireEvent.click(confirm);
    expect(onUnpair).toHaveBeenCalledOnce();
  });

  it('keeps the word required when rejected records are all that is left', () => {
    const { confirm } = setup(0, 2);
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
  });

  it('says why an unpairing was refused', () => {
    setup(3, 0, 'New unsent records appeared after the warning was shown.');
    expect(screen.getByRole('alert').textContent).toBe(
      'New unsent records appeared after the warning was shown.',
    );
  });
});
