'use client';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { AddSourceResult } from '@/lib/state/listing-sources';

/** The "add a listing" form: a labelled URL field (http(s) or ipfs://); Enter or the button adds it, errors are announced. */
export function AddSourceForm({ onAdd }: { onAdd: (text: string) => AddSourceResult }) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = onAdd(text);
    if (result.ok) {
      setText('');
      setError(null);
    } else {
      setError(result.reason);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Add a listing">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        Listing URL
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="https://github.com/owner/repo"
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
        />
        <Button type="submit" variant="primary">
          Add
        </Button>
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        A GitHub repository (optionally <code className="font-mono">/tree/&lt;ref&gt;</code>), the URL of a{' '}
        <code className="font-mono">bundles.json</code>, or <code className="font-mono">ipfs://&lt;cid&gt;</code> of one (or of a
        directory holding one).
      </p>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-rose-600">
          {error}
        </p>
      )}
    </form>
  );
}
