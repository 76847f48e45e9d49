import { describe, expect, it } from 'vitest';
import { visibleRange } from './visible-range';

describe('visibleRange', () => {
  it('renders the first screen plus overscan at the top of the list', () => {
    expect(visibleRange(0, 400, 40, 5000, 5)).toEqual({ start: 0, end: 16, paddingTopPx: 0, paddingBottomPx: (5000 - 16) * 40 });
  });

  it('renders only a window around the scroll position in the middle of 5,000 rows', () => {
    const range = visibleRange(40 * 2500, 400, 40, 5000, 5);
    expect(range.start).toBe(2495);
    expect(range.end).toBe(2516);
    expect(range.paddingTopPx + (range.end - range.start) * 40 + range.paddingBottomPx).toBe(5000 * 40);
  });

  it('clamps the window at the end of the list', () => {
    const range = visibleRange(40 * 4995, 400, 40, 5000, 5);
    expect(range.end).toBe(5000);
    expect(range.paddingBottomPx).toBe(0);
  });

  it('renders nothing for an empty list', () => {
    expect(visibleRange(0, 400, 40, 0)).toEqual({ start: 0, end: 0, paddingTopPx: 0, paddingBottomPx: 0 });
  });

  it('treats a scroll position past the end as the end', () => {
    const range = visibleRange(1e9, 400, 40, 10, 2);
    expect(range).toEqual({ start: 10, end: 10, paddingTopPx: 400, paddingBottomPx: 0 });
  });
});
