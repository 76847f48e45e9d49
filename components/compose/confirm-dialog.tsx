'use client';
/** A small modal confirmation: a real dialog with a title, a body and two buttons; focus starts on confirm. */
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmText: string;
  readonly cancelText?: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmText, cancelText = 'Cancel', onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-4" onKeyDown={(event) => { if (event.key === 'Escape') onCancel(); }}>
      <div role="dialog" aria-modal="true" aria-labelledby="confirm-title" className="max-h-[85vh] w-full max-w-xl overflow-auto rounded-lg bg-white p-4 shadow-xl">
        <h2 id="confirm-title" className="text-base font-semibold text-slate-900">{title}</h2>
        <div className="mt-2 text-sm text-slate-700">{children}</div>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={onCancel}>{cancelText}</Button>
          <Button autoFocus variant="primary" onClick={onConfirm}>{confirmText}</Button>
        </div>
      </div>
    </div>
  );
}
