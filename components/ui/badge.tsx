import type { ReactNode } from 'react';

type Tone = 'neutral' | 'indigo' | 'emerald' | 'amber' | 'rose' | 'sky';

const toneClasses: Record<Tone, string> = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-200',
  emerald: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  rose: 'bg-rose-50 text-rose-700 ring-rose-200',
  sky: 'bg-sky-50 text-sky-700 ring-sky-200',
};

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${toneClasses[tone]}`}>
      {children}
    </span>
  );
}

/** One colour per bundle type, so a type reads the same everywhere in the app. */
export function bundleTypeTone(bundleType: string): Tone {
  switch (bundleType) {
    case 'ram':
      return 'indigo';
    case 'rom':
      return 'amber';
    case 'flashdrive':
      return 'emerald';
    default:
      return 'sky';
  }
}
