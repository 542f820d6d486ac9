import { createContext, useContext, useSyncExternalStore } from 'react';
import type { BuilderDoc } from './builder-doc';
import type { History } from './doc-history';
import type { DocStore } from './doc-store';

export const DocStoreContext = createContext<DocStore | null>(null);

export function useDocStore(): DocStore {
  const store = useContext(DocStoreContext);
  if (!store) throw new Error('useDocStore outside a DocStoreContext');
  return store;
}

/** The history (document, undo and redo stacks); re-renders on every change of it. */
export function useDocHistory(): History<BuilderDoc> {
  const store = useDocStore();
  return useSyncExternalStore(store.subscribe, store.getHistory);
}

/** A slice of the document; re-renders only when the slice (compared by identity) changes. */
export function useDoc<T>(select: (doc: BuilderDoc) => T): T {
  const store = useDocStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getHistory().present));
}
