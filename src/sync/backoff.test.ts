import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles per attempt and stays within [half, full] of the due delay', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
  });

  it('never waits more than about a minute, however many attempts failed', () => {
    expect(backoffDelay(50, () => 1)).toBe(60_000);
    expect(backoffDelay(10_000, () => 0.5)).toBe(45_000);
  });
});
