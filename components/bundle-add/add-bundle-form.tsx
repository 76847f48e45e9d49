'use client';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { BUNDLE_TYPES } from '@/lib/carti/types';
import { AddedBundlePanel } from './added-bundle-panel';
import { draftRecord, plainFileName, type DraftField, type DraftFields } from './bundle-draft';
import { FileDropZone } from './file-drop-zone';
import { useAddBundle } from './use-add-bundle';

const fieldClasses =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';

function Field({ label, problem, children, id }: { label: string; problem?: string; children: ReactNode; id: string }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {problem && (
        <p id={`${id}-problem`} className="mt-1 text-xs text-rose-700">
          {problem}
        </p>
      )}
    </div>
  );
}

const EMPTY: DraftFields = { bundleType: 'flashdrive', name: '', version: '0.1.0', fileName: '', uri: '' };

/** "Add your own file as a bundle" (issue 4; carti's `bundle <src> -t -n -v -d`). */
export function AddBundleForm() {
  const ids = { type: useId(), name: useId(), version: useId(), fileName: useId(), description: useId(), uri: useId(), expected: useId(), heading: useId() };
  const [file, setFile] = useState<File | undefined>();
  const [fields, setFields] = useState<DraftFields>(EMPTY);
  const [description, setDescription] = useState('');
  const [expectedId, setExpectedId] = useState('');
  const [problems, setProblems] = useState<Partial<Record<DraftField | 'file', string>>>({});
  const { phase, add, cancel, reset } = useAddBundle();
  const storing = phase.kind === 'storing';

  const set = (field: DraftField) => (value: string) => setFields((current) => ({ ...current, [field]: value }));
  const pick = (picked: File) => {
    setFile(picked);
    reset();
    // Name the bundle after the file until the user types a name (carti takes the name from -n).
    setFields((current) => ({ ...current, fileName: plainFileName(picked.name), name: current.name || plainFileName(picked.name).replace(/\.[^.]+$/, '') }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const draft = draftRecord(fields);
    const found: Partial<Record<DraftField | 'file', string>> = draft.ok ? {} : { ...draft.problems };
    if (!file) found.file = 'pick or drop a file first';
    setProblems(found);
    if (!draft.ok || !file) return;
    void add({ file, record: draft.record, description: description.trim() || undefined, expectedId: expectedId.trim() || undefined });
  };

  const describedBy = (id: string, field: DraftField) => (problems[field] ? `${id}-problem` : undefined);

  return (
    <section aria-labelledby={ids.heading} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id={ids.heading} className="text-base font-semibold text-slate-900">
          Add your own file as a bundle
        </h2>
        <p className="text-sm text-slate-500">Its id is computed here while the file is stored in this browser; then it can go into a machine slot, and its listing entry can be downloaded.</p>
      </div>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FileDropZone file={file} onFile={pick} disabled={storing} />
        {problems.file && <p className="text-xs text-rose-700">{problems.file}</p>}
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Type" id={ids.type} problem={problems.bundleType}>
            <select id={ids.type} value={fields.bundleType} onChange={(e) => set('bundleType')(e.target.value)} className={fieldClasses}>
              {BUNDLE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Name" id={ids.name} problem={problems.name}>
            <input id={ids.name} value={fields.name} onChange={(e) => set('name')(e.target.value)} aria-invalid={problems.name ? true : undefined} aria-describedby={describedBy(ids.name, 'name')} className={fieldClasses} autoComplete="off" />
          </Field>
          <Field label="Version" id={ids.version} problem={problems.version}>
            <input id={ids.version} value={fields.version} onChange={(e) => set('version')(e.target.value)} aria-invalid={problems.version ? true : undefined} aria-describedby={describedBy(ids.version, 'version')} className={fieldClasses} autoComplete="off" />
          </Field>
          <Field label="File name" id={ids.fileName} problem={problems.fileName}>
            <input id={ids.fileName} value={fields.fileName} onChange={(e) => set('fileName')(e.target.value)} aria-invalid={problems.fileName ? true : undefined} aria-describedby={describedBy(ids.fileName, 'fileName')} className={`${fieldClasses} font-mono`} autoComplete="off" spellCheck={false} />
          </Field>
        </div>
        <div className="grid gap-3 lg:grid-cols-3">
          <Field label="Description (optional)" id={ids.description}>
            <input id={ids.description} value={description} onChange={(e) => setDescription(e.target.value)} className={fieldClasses} autoComplete="off" />
          </Field>
          <Field label="Download URL (optional)" id={ids.uri} problem={problems.uri}>
            <input id={ids.uri} value={fields.uri} onChange={(e) => set('uri')(e.target.value)} placeholder="https://… where you will publish it" aria-invalid={problems.uri ? true : undefined} aria-describedby={describedBy(ids.uri, 'uri')} className={fieldClasses} autoComplete="off" spellCheck={false} />
          </Field>
          <Field label="Expected id (optional)" id={ids.expected}>
            <input id={ids.expected} value={expectedId} onChange={(e) => setExpectedId(e.target.value)} placeholder="baenrwi… from a listing: the file must match" className={`${fieldClasses} font-mono`} autoComplete="off" spellCheck={false} />
          </Field>
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={storing}>
            Add to store
          </Button>
          {storing && (
            <Button variant="ghost" onClick={cancel}>
              Cancel
            </Button>
          )}
        </div>
      </form>
      {storing && <ProgressBar label="Computing id and storing" doneBytes={phase.doneBytes} totalBytes={phase.totalBytes} />}
      {phase.kind === 'failed' && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="add-error" data-code={phase.error.code}>
          {phase.error.message}
        </p>
      )}
      {phase.kind === 'stored' && <AddedBundlePanel stored={phase.stored} />}
    </section>
  );
}
