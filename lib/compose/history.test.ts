import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, HISTORY_LIMIT, record, redo, startHistory, undo } from './history';

describe('history', () => {
  it('undoes to the previous snapshot and redoes back', () => {
    const h = record(record(startHistory('a'), 'b'), 'c');
    expect(undo(h).present).toBe('b');
    expect(redo(undo(h)).present).toBe('c');
  });
  it('clears redo when a new change is recorded', () => {
    const h = record(undo(record(startHistory('a'), 'b')), 'x');
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual(['a']);
  });
  it('records nothing for an identical snapshot', () => {
    expect(canUndo(record(startHistory('a'), 'a'))).toBe(false);
  });
  it('does nothing when there is nothing to undo or redo', () => {
    const h = startHistory('a');
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });
  it('keeps at most HISTORY_LIMIT past steps', () => {
    let h = startHistory('0');
    for (let i = 1; i <= HISTORY_LIMIT + 5; i += 1) h = record(h, String(i));
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe('5');
  });
});
