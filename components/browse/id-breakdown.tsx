import { CartiError } from '@/lib/carti/errors';
import { parseId } from '@/lib/carti/id';

const hex = (value: number) => `0x${value.toString(16)}`;

/** The parts of a carti id (carti-formats.md §2.2), or why the text is not one. */
export function IdBreakdown({ id }: { id: string }) {
  const parts = parseId(id, 'bundle id');
  if (parts instanceof CartiError) {
    return <p className="text-sm text-rose-700">{parts.message}</p>;
  }
  const rows: [string, string][] = [
    ['CID version', String(parts.version)],
    ['Codec', `${hex(parts.codec)} (keccak-256, as carti uses it)`],
    ['Hash function', `${hex(parts.hashCode)} keccak-256`],
    ['Digest size', `${parts.digestSize} bytes`],
  ];
  return (
    <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm" data-testid="id-breakdown">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd className="text-slate-800">{value}</dd>
        </div>
      ))}
      <dt className="text-slate-500">Digest</dt>
      <dd className="font-mono text-xs break-all text-slate-800" data-testid="id-digest">
        {parts.digestHex}
      </dd>
    </dl>
  );
}
