/** The live rule results for one slot: errors and warnings, each the library's own message. */
import type { CartiError } from '@/lib/carti/errors';

export function ProblemList({ problems, label }: { problems: readonly CartiError[]; label: string }) {
  if (problems.length === 0) return null;
  return (
    <ul aria-label={`Problems: ${label}`} className="mt-1.5 space-y-0.5 text-xs">
      {problems.map((problem, i) => (
        <li key={`${problem.location}-${i}`} className={problem.severity === 'warning' ? 'text-amber-700' : 'text-rose-700'}>
          <span className="font-semibold">{problem.severity === 'warning' ? 'Warning' : 'Error'}:</span> {problem.reason}
          <span className="text-slate-400"> ({problem.location})</span>
        </li>
      ))}
    </ul>
  );
}
