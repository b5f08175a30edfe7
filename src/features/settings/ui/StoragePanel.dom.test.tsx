import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StorageReport } from '../model';
import { StoragePanel } from './StoragePanel';

afterEach(cleanup);

function setup(report: StorageReport | null) {
  const onRequestPersistence = vi.fn();
  render(<StoragePanel locale="en" report={report} onRequestPersistence={onRequestPersistence} />);
  const facts = Object.fromEntries(
    screen
      .getAllByRole('term')
      .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']),
  );
  return { onRequestPersistence, facts };
}

describe('storage in settings', () => {
  it('shows what the till uses of its quota, and that its data is kept', () => {
    const { facts } = setup({ usage: 13_107_200, quota: 1_073_741_824, persisted: true });
    expect(facts).toEqual({
      Used: '12.5 MB (1.2%)',
      Quota: '1 GB',
      'Persistent storage': 'Yes — the browser will not evict the till’s data',
    });
    expect(screen.queryByRole('button', { name: 'Request persistent storage' })).toBeNull();
  });

  it('offers to ask again when the browser may evict the data', () => {
    const { facts, onRequestPersistence } = setup({
      usage: 2048,
      quota: 50_000_000,
      persisted: false,
    });
    expect(facts['Persistent storage']).toBe('No — the browser may evict data when space runs low');
    fireEvent.click(screen.getByRole('button', { name: 'Request persistent storage' }));
    expect(onRequestPersistence).toHaveBeenCalledOnce();
  });

  it('says unknown where the browser tells nothing', () => {
    const { facts } = setup({ usage: null, quota: null, persisted: null });
    expect(facts).toEqual({ Used: 'Unknown', Quota: 'Unknown', 'Persistent storage': 'Unknown' });
  });
});
