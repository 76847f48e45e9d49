import { ComposeView } from '@/components/compose/compose-view';

export const metadata = { title: 'Compose · Carti Studio' };

/** The composer: drag bundles into a machine, check it live, export, share and boot it. */
export default function ComposePage() {
  return <ComposeView />;
}
