/**
 * Undo/redo over immutable documents. Every edit is a command (a pure function from the
 * document to the next); the history keeps the documents themselves, which share all the
 * parts a command did not touch.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The merge key of the last command: consecutive commands with the same key are one step. */
  lastKey: string | null;
}

/** Most undo steps kept. */
export const HISTORY_LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null };
}

export function execute<T>(
  history: History<T>,
  command: (doc: T) => T,
  mergeKey?: string,
): History<T> {
  const next = command(history.present);
  if (next === history.present) return history;
  if (mergeKey !== undefined && mergeKey === history.lastKey) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present];
  return {
    past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past,
    present: next,
    future: [],
    lastKey: mergeKey ?? null,
  };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: null };
}
