/**
 * Undo/redo over draft snapshots. Each snapshot is the draft's package text (draft.ts), so history is plain
 * strings: cheap to compare, safe to persist. Pure: every function returns a new history.
 */
export interface History {
  readonly past: readonly string[];
  readonly present: string;
  readonly future: readonly string[];
}

/** How many steps undo can go back; older ones are dropped so localStorage stays small. */
export const HISTORY_LIMIT = 100;

export function startHistory(present: string): History {
  return { past: [], present, future: [] };
}

/** A new present; a change that leaves the text identical records nothing. Redo is cleared. */
export function record(history: History, next: string): History {
  if (next === history.present) return history;
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [] };
}

export function undo(history: History): History {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: History): History {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}

export const canUndo = (history: History): boolean => history.past.length > 0;
export const canRedo = (history: History): boolean => history.future.length > 0;
