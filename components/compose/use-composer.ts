'use client';
/**
 * The composer store for React: hydrates the persisted draft after mount (so server and client first renders
 * agree), exposes the current draft as a package, and wires the undo/redo keyboard shortcuts.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { composerCanRedo, composerCanUndo, composerStore, currentDraft } from '@/lib/state/composer';

export function useComposer() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    const done = () => setHydrated(true);
    if (composerStore.persist?.hasHydrated()) done();
    else void Promise.resolve(composerStore.persist?.rehydrate()).then(done);
  }, []);
  const present = useStore(composerStore, (state) => state.present);
  const canUndo = useStore(composerStore, composerCanUndo);
  const canRedo = useStore(composerStore, composerCanRedo);
  const actions = useStore(composerStore, (state) => state);
  const draft = useMemo(() => currentDraft({ present }), [present]);
  return { hydrated, draft, present, canUndo, canRedo, apply: actions.apply, replace: actions.replace, newDraft: actions.newDraft, undo: actions.undo, redo: actions.redo };
}

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes; text fields keep their own undo. */
export function useUndoShortcuts(undo: () => void, redo: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
}
