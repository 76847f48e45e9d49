import Link from 'next/link';

/** A placeholder page for a feature under construction, stating what it will do and where it stands. */
export function ComingSoon({ title, summary, status }: { title: string; summary: string; status: string }) {
  return (
    <div className="mx-auto max-w-2xl space-y-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="text-slate-600">{summary}</p>
      <div role="status" className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        <p className="font-medium">Coming soon</p>
        <p className="mt-1">{status}</p>
      </div>
      <Link href="/" className="inline-block text-sm text-indigo-700 hover:underline">
        ← Browse bundles
      </Link>
    </div>
  );
}
