'use client';
/**
 * "Add to machine" on a bundle's page: the bundle goes where a drop without a chosen slot puts it
 * (lib/compose/bundle-drop `defaultTarget`) in the persisted composer draft, with its size asked first so its
 * drive gets the right length; the result links to the composer. The keyboard-friendly twin of dragging a
 * browse row into a composer window.
 */
import Link from 'next/link';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { defaultTarget, dropBundle, refusedDrop } from '@/lib/compose/bundle-drop';
import type { Bundle } from '@/lib/carti/types';
import { assetSizeQuery } from './use-asset-sizes';
import { useComposer } from './use-composer';

export function AddToMachine({ bundle, assetUrl }: { bundle: Bundle; assetUrl: string | undefined }) {
  const composer = useComposer();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const add = async () => {
    const target = defaultTarget(composer.draft, bundle);
    const refusal = refusedDrop(composer.draft, bundle, target);
    if (refusal !== undefined) return setResult({ ok: false, text: refusal });
    const size = assetUrl === undefined ? undefined : (await queryClient.fetchQuery(assetSizeQuery(assetUrl)).catch(() => null)) ?? undefined;
    const applied = composer.apply((pkg) => dropBundle(pkg, bundle, target, size));
    setResult(applied.ok ? { ok: true, text: `Added to ${target.title} of your machine.` } : { ok: false, text: applied.error.message });
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button onClick={() => void add()} disabled={!composer.hydrated}>Add to machine</Button>
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={`text-sm ${result.ok ? 'text-emerald-800' : 'text-rose-700'}`}>
          {result.text} {result.ok && <Link href="/compose" className="text-indigo-700 underline">Open the composer</Link>}
        </p>
      )}
    </div>
  );
}
