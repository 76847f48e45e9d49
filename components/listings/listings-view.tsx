import { ListingSourcesPanel } from './listing-sources-panel';

const forms: [string, string][] = [
  ['https://github.com/<owner>/<repo>', 'bundles.json at the root of the default branch'],
  ['https://github.com/<owner>/<repo>/tree/<ref>', 'bundles.json at that branch, tag or commit (the ref may contain /)'],
  ['https://…/bundles.json', 'any http(s) URL of a listing, for example a raw.githubusercontent.com file'],
];

/** The Listings page: the sources panel, plus what a source may be. */
export function ListingsView() {
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,28rem)_minmax(0,1fr)]">
      <ListingSourcesPanel />
      <section className="space-y-3 text-sm text-slate-600">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Listings</h1>
        <p>
          A listing is a <code className="font-mono">bundles.json</code> file of bundle records published by a Carti repository. Add the
          listings you trust; their bundles appear together in Browse, and a bundle found in two listings shows both origins.
        </p>
        <ul className="space-y-2">
          {forms.map(([form, meaning]) => (
            <li key={form} className="rounded-lg border border-slate-200 bg-white px-3 py-2">
              <code className="font-mono text-xs text-slate-800">{form}</code>
              <p className="text-xs text-slate-500">{meaning}</p>
            </li>
          ))}
        </ul>
        <p>
          Relative <code className="font-mono">uri</code>s resolve against the listing&apos;s own URL. Every download is checked against
          the bundle&apos;s id, so a listing cannot swap a file unnoticed.
        </p>
      </section>
    </div>
  );
}
