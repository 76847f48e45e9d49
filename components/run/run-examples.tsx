import Link from 'next/link';
import { CALCULATOR_PACKAGE_PATH, DEFAULT_PACKAGE_PATH } from './run-source';

const EXAMPLES = [
  { path: DEFAULT_PACKAGE_PATH, name: 'Default machine', about: 'a login shell' },
  { path: CALCULATOR_PACKAGE_PATH, name: 'Calculator', about: 'reads an expression from its input drive and writes the answer to its output drive' },
] as const;

/** Links to the packages of the embedded listing (issue 4: the calculator example). */
export function RunExamples({ current }: { current?: string }) {
  return (
    <nav aria-label="Example machines" className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
      {EXAMPLES.map((example) => (
        <Link
          key={example.path}
          href={`/run?package=${encodeURIComponent(example.path)}`}
          aria-current={example.path === current ? 'page' : undefined}
          className="text-indigo-700 underline-offset-2 hover:underline aria-[current=page]:font-semibold"
        >
          {example.name}
          <span className="text-slate-500"> — {example.about}</span>
        </Link>
      ))}
    </nav>
  );
}
