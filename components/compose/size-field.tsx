'use client';
/** A byte length typed as a number and a unit (KiB/MiB/GiB); committed on Enter or when focus leaves. */
import { useEffect, useId, useState } from 'react';
import { bestUnit, formatInUnit, parseSize, SIZE_UNITS, type SizeUnit } from '@/lib/compose/units';

export interface SizeFieldProps {
  readonly label: string;
  readonly bytes: bigint;
  readonly units?: readonly SizeUnit[];
  readonly onCommit: (bytes: bigint) => void;
}

export function SizeField({ label, bytes, units = SIZE_UNITS, onCommit }: SizeFieldProps) {
  const id = useId();
  const initialUnit = units.includes(bestUnit(bytes)) ? bestUnit(bytes) : units[units.length - 1]!;
  const [unit, setUnit] = useState<SizeUnit>(initialUnit);
  const [text, setText] = useState(formatInUnit(bytes, initialUnit));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(formatInUnit(bytes, unit));
    setInvalid(false);
  }, [bytes]); // eslint-disable-line react-hooks/exhaustive-deps

  const commit = (value: string, inUnit: SizeUnit) => {
    const parsed = parseSize(value, inUnit);
    if (parsed === undefined || parsed === 0n) return setInvalid(true);
    setInvalid(false);
    if (parsed !== bytes) onCommit(parsed);
  };
  return (
    <span className="inline-flex items-center gap-1">
      <label htmlFor={id} className="text-xs text-slate-600">{label}</label>
      <input
        id={id}
        inputMode="decimal"
        value={text}
        aria-invalid={invalid}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => commit(text, unit)}
        onKeyDown={(event) => { if (event.key === 'Enter') commit(text, unit); }}
        className={`w-20 rounded border px-1.5 py-0.5 text-right font-mono text-xs ${invalid ? 'border-rose-500' : 'border-slate-300'}`}
      />
      <select
        aria-label={`${label} unit`}
        value={unit}
        onChange={(event) => {
          const next = event.target.value as SizeUnit;
          setUnit(next);
          setText(formatInUnit(bytes, next));
        }}
        className="rounded border border-slate-300 px-1 py-0.5 text-xs"
      >
        {units.map((u) => <option key={u} value={u}>{u}</option>)}
      </select>
    </span>
  );
}
