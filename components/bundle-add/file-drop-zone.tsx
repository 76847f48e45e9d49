'use client';
import { useId, useState, type DragEvent } from 'react';
import { formatBytes } from '@/components/ui/format-bytes';

/** A file input (the keyboard and screen-reader path) inside an area that also accepts a dropped file. */
export function FileDropZone({ file, onFile, disabled }: { file: File | undefined; onFile: (file: File) => void; disabled?: boolean }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };
  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="file-drop-zone"
      className={`rounded-lg border-2 border-dashed p-4 text-sm transition-colors ${over ? 'border-indigo-500 bg-indigo-50' : 'border-slate-300 bg-slate-50'}`}
    >
      <label htmlFor={inputId} className="mb-2 block font-medium text-slate-700">
        File
      </label>
      <input
        id={inputId}
        type="file"
        disabled={disabled}
        onChange={(event) => {
          const picked = event.target.files?.[0];
          if (picked) onFile(picked);
        }}
        className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-600 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-white hover:file:bg-indigo-500"
      />
      <p className="mt-2 text-xs text-slate-500" data-testid="picked-file">
        {file ? `${file.name} · ${formatBytes(file.size)}` : 'Pick a file, or drop one here. It never leaves this browser.'}
      </p>
    </div>
  );
}
