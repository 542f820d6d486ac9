import { execute, redo, startHistory, undo, type History } from './doc-history';
import type { BuilderDoc } from './builder-doc';

type Listener = () => void;

/**
 * The one place the builder's document lives while it is edited. Screens read slices of
 * it through `useDoc(selector)` and change it only through `execute(command)`, so undo,
 * redo and "unsaved changes" cover every edit alike.
 */
export class DocStore {
  private history: History<BuilderDoc>;
  private saved: BuilderDoc;
  private readonly listeners = new Set<Listener>();

  constructor(initial: BuilderDoc) {
    this.history = startHistory(initial);
    this.saved = initial;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getHistory = (): History<BuilderDoc> => this.history;

  get doc(): BuilderDoc {
    return this.history.present;
  }

  get dirty(): boolean {
    return this.history.present !== this.saved;
  }

  execute(command: (doc: BuilderDoc) => BuilderDoc, mergeKey?: string): void {
    this.set(execute(this.history, command, mergeKey));
  }

  undo(): void {
    this.set(undo(this.history));
  }

  redo(): void {
    this.set(redo(this.history));
  }

  /** Marks the current document as what the server holds (after a save or a publish). */
  markSaved(doc: BuilderDoc = this.history.present): void {
    this.saved = doc;
    this.history = { ...this.history, lastKey: null };
    this.emit();
  }

  private set(next: History<BuilderDoc>): void {
    if (next === this.history) return;
    this.history = next;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
