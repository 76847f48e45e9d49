import { ComingSoon } from '@/components/layout/coming-soon';

export const metadata = { title: 'Compose · Carti Studio' };

export default function ComposePage() {
  return (
    <ComingSoon
      title="Compose"
      summary="Drag bundles into RAM and drive slots to build a carti-machine-package.json, export it (package JSON, Lua, cartesi-machine command line) and boot it in your browser."
      status="The package operations and exports already work in the library and the CLI (carti-studio package …). The drag-and-drop composer and booting in the browser are being built."
    />
  );
}
