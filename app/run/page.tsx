import { RunExamples } from '@/components/run/run-examples';
import { RunView } from '@/components/run/run-view';
import { DEFAULT_LISTING_PATH, DEFAULT_PACKAGE_PATH, runSourceParam } from '@/components/run/run-source';

export const metadata = { title: 'Run · Carti Studio' };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Boots `?package=` (a carti-machine-package.json on this site; the embedded default machine when absent)
 * with asset locations from `?listing=` (the embedded listing when absent). Other origins are refused.
 */
export default async function RunPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const pkg = runSourceParam('package', params.package, DEFAULT_PACKAGE_PATH);
  const listing = runSourceParam('listing', params.listing, DEFAULT_LISTING_PATH);
  if (!pkg.ok || !listing.ok) {
    return (
      <section aria-labelledby="run-title" className="space-y-4">
        <h1 id="run-title" className="text-2xl font-semibold tracking-tight text-slate-900">Run</h1>
        {[pkg, listing].map((param) => !param.ok && (
          <p key={param.message} role="alert" className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">{param.message}</p>
        ))}
        <RunExamples />
      </section>
    );
  }
  const title = pkg.path === DEFAULT_PACKAGE_PATH ? 'Run the default machine' : `Run ${pkg.path.split('?')[0].split('/').pop()}`;
  return (
    <div className="space-y-4">
      <RunExamples current={pkg.path} />
      {/* keyed: another package is a new run view, with its own worker */}
      <RunView key={`${pkg.path} ${listing.path}`} packageUrl={pkg.path} listingUrl={listing.path} title={title} />
    </div>
  );
}
