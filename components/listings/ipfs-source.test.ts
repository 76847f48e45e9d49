// Listing sources `ipfs://<cid>[/path]` are accepted as typed (issue 6); anything else after ipfs:// is refused by name.
import { describe, expect, it } from 'vitest';
import { checkSourceText } from '@/lib/state/listing-sources';

const cid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

describe('checkSourceText with ipfs:// sources', () => {
  it('accepts a CID and a path below it', () => {
    expect(checkSourceText(` ipfs://${cid} `, [])).toEqual({ ok: true, source: `ipfs://${cid}` });
    expect(checkSourceText(`ipfs://${cid}/listings/bundles.json`, [])).toEqual({ ok: true, source: `ipfs://${cid}/listings/bundles.json` });
  });

  it('refuses something that is not a CID, naming it', () => {
    const result = checkSourceText('ipfs://hello', []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/ipfs:\/\/hello.*"hello" is not a CID/);
  });

  it('refuses a source already followed', () => {
    expect(checkSourceText(`ipfs://${cid}`, [`ipfs://${cid}`]).ok).toBe(false);
  });
});
