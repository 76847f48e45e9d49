import { RunView } from '@/components/run/run-view';

export const metadata = { title: 'Run · Carti Studio' };

/** Boots the embedded default machine (public/default, built by setup). */
export default function RunPage() {
  return <RunView packageUrl="/default/carti-machine-package.json" listingUrl="/default/bundles.json" title="Run the default machine" />;
}
