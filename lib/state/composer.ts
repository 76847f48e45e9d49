/**
 * The composer's draft (issue 4, "Composer"): one machine package being edited, with undo/redo, persisted in
 * localStorage so it survives reloads. A framework-free zustand store (`zustand/vanilla`, as
 * listing-sources.ts). Every snapshot is the package's JSON text (lib/compose/draft.ts), so the persisted
 * form is bigint-safe and history entries are plain strings.
 *
 * Edits are pure functions from lib/carti and lib/compose; `apply` runs one and records the result, or
 * returns the `CartiError` it threw so the UI can show it next to the slot.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { CartiError } from '../carti/errors';
import type { CartiPackage } from '../carti/types';
import { draftFromText, draftToText, emptyDraft } from '../compose/draft';
import { canRedo, canUndo, record, redo, startHistory, undo, type History } from '../compose/history';

export const COMPOSER_STORAGE_KEY = 'carti-studio:composer-draft';

export type Edit = (pkg: CartiPackage) => CartiPackage;
export type EditResult = { ok: true } | { ok: false; error: CartiError };

export interface ComposerState extends History {
  /** Apply a pure edit to the current draft and record it (one undo step). */
  apply(edit: Edit): EditResult;
  /** Replace the whole draft (import, default machine, share link, conversion): one undo step. */
  replace(pkg: CartiPackage): void;
  /** Start over with an empty machine (undoable). */
  newDraft(): void;
  undo(): void;
  redo(): void;
}

/** The current draft as a package (an unreadable stored text gives the empty draft). */
export function currentDraft(state: Pick<History, 'present'>): CartiPackage {
  return draftFromText(state.present).pkg ?? emptyDraft();
}

export const composerCanUndo = (state: History): boolean => canUndo(state);
export const composerCanRedo = (state: History): boolean => canRedo(state);

type Persisted = History;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** What was stored, if it is a readable history; otherwise nothing (the store keeps its empty draft). */
export function readPersisted(value: unknown): History | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { past, present, future } = value as Partial<Persisted>;
  if (typeof present !== 'string' || !draftFromText(present).pkg) return undefined;
  return { past: isStringArray(past) ? past : [], present, future: isStringArray(future) ? future : [] };
}

export type ComposerStore = StoreApi<ComposerState> & {
  persist?: { rehydrate(): Promise<void> | void; hasHydrated(): boolean };
};

/**
 * Hydration is explicit (`persist.rehydrate()` after mount) so the server HTML and the first client render
 * agree, as in listing-sources.ts.
 */
export function createComposerStore(getStorage: () => StateStorage = () => window.localStorage): ComposerStore {
  return createStore<ComposerState>()(
    persist(
      (set, get) => {
        const commit = (next: string) => set(record(get(), next));
        return {
          ...startHistory(draftToText(emptyDraft())),
          apply(edit) {
            try {
              commit(draftToText(edit(currentDraft(get()))));
              return { ok: true };
            } catch (cause) {
              if (cause instanceof CartiError) return { ok: false, error: cause };
              throw cause;
            }
          },
          replace(pkg) {
            commit(draftToText(pkg));
          },
          newDraft() {
            commit(draftToText(emptyDraft()));
          },
          undo() {
            set(undo(get()));
          },
          redo() {
            set(redo(get()));
          },
        };
      },
      {
        name: COMPOSER_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage<Persisted>(getStorage),
        skipHydration: true,
        partialize: (state) => ({ past: state.past, present: state.present, future: state.future }),
        merge: (persisted, current) => ({ ...current, ...(readPersisted(persisted) ?? {}) }),
      },
    ),
  ) as ComposerStore;
}

/** The app's store (one per browser tab). */
export const composerStore: ComposerStore = createComposerStore();
