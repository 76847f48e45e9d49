import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FileTree } from '../ext2/tree';
import { readExt2Tree } from '../ext2/reader';
import { writeExt2ToBytes } from '../ext2/writer';
import { e2fsck } from '../ext2/test-support.node';
import { buildTar } from '../tar/test-tar';
import { checkComposition, composeDrives, CompositionConflictError, type ComposeSource } from './compose';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function ext2Of(build: (tree: FileTree) => void): Promise<Uint8Array> {
  const tree = new FileTree();
  build(tree);
  return writeExt2ToBytes(tree);
}

/** Composes into memory; returns the image, its tree read back, and the result. */
async function compose(sources: ComposeSource[], policy: 'error' | 'later-wins' = 'error') {
  const chunks: Uint8Array[] = [];
  const result = await composeDrives(sources, { policy }, (_, bytes) => void chunks.push(bytes.slice()));
  const image = new Uint8Array(result.imageSizeBytes);
  let offset = 0;
  for (const chunk of chunks) {
    image.set(chunk, offset);
    offset += chunk.length;
  }
  return { image, tree: await readExt2Tree(image), result };
}

async function fileText(tree: FileTree, path: string): Promise<string> {
  const node = tree.get(path);
  if (node?.kind !== 'file') throw new Error(`${path} is not a file`);
  return decode(await node.content.read(0, node.content.sizeBytes));
}

const base = () => ext2Of((tree) => {
  tree.addFile('/etc/os-release', new TextEncoder().encode('base\n'));
  tree.addSymlink('/bin/sh', 'busybox');
  tree.addDevice('/dev/null', 'char', 1, 3, { mode: 0o666 });
});
const appTar = () => buildTar([
  { name: 'opt/app/', type: '5' },
  { name: 'opt/app/run', content: 'run\n', mode: 0o755, uid: 1000, gid: 1000 },
  { name: 'opt/app/run-again', type: '1', linkname: 'opt/app/run' },
  { name: 'etc/os-release', content: 'base\n' },
]);

describe('composeDrives', () => {
  it('puts an ext2 drive and a tar archive into one drive that passes e2fsck -fn', async () => {
    const { image, tree, result } = await compose([{ name: 'base.ext2', bytes: await base() }, { name: 'app.tar', bytes: appTar() }]);
    expect(result.kinds).toEqual(['ext2', 'tar']);
    expect(await fileText(tree, '/opt/app/run')).toBe('run\n');
    expect(tree.get('/bin/sh')).toMatchObject({ kind: 'symlink', target: 'busybox' });
    expect(tree.get('/dev/null')).toMatchObject({ kind: 'char-device', major: 1, minor: 3, permissions: 0o666 });
    expect(tree.get('/opt/app/run')).toMatchObject({ permissions: 0o755, uid: 1000, gid: 1000 });
    expect(e2fsck(image).status).toBe(0);
  });

  it('keeps hard links of a source as one inode', async () => {
    const { tree } = await compose([{ name: 'app.tar', bytes: appTar() }]);
    expect(tree.get('/opt/app/run-again')).toBe(tree.get('/opt/app/run'));
  });

  it('accepts the same file with the same content in two sources', async () => {
    const { tree, result } = await compose([{ name: 'base.ext2', bytes: await base() }, { name: 'app.tar', bytes: appTar() }]);
    expect(await fileText(tree, '/etc/os-release')).toBe('base\n');
    expect(result.replaced).toEqual([]);
  });

  it('reads gzip-compressed tar sources', async () => {
    const { tree } = await compose([{ name: 'app.tar.gz', bytes: gzipSync(appTar()) }]);
    expect(await fileText(tree, '/opt/app/run')).toBe('run\n');
  });

  it('lists every conflict in one error with policy "error"', async () => {
    const other = buildTar([
      { name: 'etc/os-release', content: 'other\n' },
      { name: 'bin/sh', content: 'not a link' },
      { name: 'dev/null', type: '3', devMajor: 1, devMinor: 3, mode: 0o600 },
    ]);
    let error: unknown;
    try {
      await compose([{ name: 'base.ext2', bytes: await base() }, { name: 'other.tar', bytes: other }]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CompositionConflictError);
    const conflicts = (error as CompositionConflictError).conflicts;
    expect(conflicts.map((c) => c.path)).toEqual(['/bin/sh', '/dev/null', '/etc/os-release']);
    expect((error as Error).message).toContain('/etc/os-release: base.ext2 vs other.tar: 5 bytes vs 6 bytes');
    expect((error as Error).message).toContain('/dev/null: base.ext2 vs other.tar: mode 0666 vs 0600');
  });

  it('finds a conflict between files of the same size by the first differing byte', async () => {
    const one = buildTar([{ name: 'data', content: 'abcdef' }]);
    const two = buildTar([{ name: 'data', content: 'abcXef' }]);
    await expect(compose([{ name: 'one.tar', bytes: one }, { name: 'two.tar', bytes: two }])).rejects.toThrow('/data: one.tar vs two.tar: contents differ from byte 3');
  });

  it('lets later sources replace earlier entries with policy "later-wins"', async () => {
    const other = buildTar([{ name: 'etc/os-release', content: 'other\n' }, { name: 'bin/sh/', type: '5' }, { name: 'bin/sh/inside', content: 'x' }]);
    const { tree, result, image } = await compose([{ name: 'base.ext2', bytes: await base() }, { name: 'other.tar', bytes: other }], 'later-wins');
    expect(await fileText(tree, '/etc/os-release')).toBe('other\n');
    expect(tree.get('/bin/sh')?.kind).toBe('directory');
    expect(await fileText(tree, '/bin/sh/inside')).toBe('x');
    expect(result.replaced.map((c) => c.path)).toEqual(['/bin/sh', '/etc/os-release']);
    expect(e2fsck(image).status).toBe(0);
  });

  it('gives the same bytes and id for the same sources and policy', async () => {
    const sources = async () => [{ name: 'base.ext2', bytes: await base() }, { name: 'app.tar', bytes: appTar() }];
    const first = await compose(await sources());
    const second = await compose(await sources());
    expect(Buffer.from(first.image).equals(Buffer.from(second.image))).toBe(true);
    expect(first.result.record.outputId).toBe(second.result.record.outputId);
  });

  it('records the ordered source ids, the policy, the writer version and the options', async () => {
    const { result } = await compose([{ name: 'base.ext2', bytes: await base() }, { name: 'app.tar', bytes: appTar(), id: undefined }], 'later-wins');
    expect(result.record).toMatchObject({ policy: 'later-wins', writerVersion: '1', options: { blockSizeBytes: 4096, padToMultipleOfBytes: 2 << 20 } });
    expect(result.record.sources).toHaveLength(2);
    expect(result.record.outputId).toMatch(/^baenrwi[a-z2-7]{52}$/);
  });

  it('refuses a tar source that breaks the tree rules, naming the member', async () => {
    const bad = buildTar([{ name: 'a', content: 'file' }, { name: 'a/b', content: 'below a file' }]);
    await expect(compose([{ name: 'bad.tar', bytes: bad }])).rejects.toThrow(/bad\.tar: "a\/b" \(header at byte 1024\)/);
  });
});

describe('checkComposition', () => {
  it('confirms a record by rebuilding it from the sources', async () => {
    const sources = [{ name: 'base.ext2', bytes: await base() }, { name: 'app.tar', bytes: appTar() }];
    const { result } = await compose(sources);
    expect(await checkComposition(result.record, sources)).toEqual({ ok: true, actualId: result.record.outputId });
  });

  it('reports a source whose bytes do not match the recorded id', async () => {
    const sources = [{ name: 'base.ext2', bytes: await base() }, { name: 'app.tar', bytes: appTar() }];
    const { result } = await compose(sources);
    const tampered = [sources[0], { name: 'app.tar', bytes: buildTar([{ name: 'x' }]) }];
    const check = await checkComposition(result.record, tampered);
    expect(check.ok).toBe(false);
    expect(check.reason).toMatch(/source 2 \(app\.tar\) has id baenrwi\w+, the record says/);
  });

  it('reports an output id that the rebuild does not reproduce', async () => {
    const sources = [{ name: 'app.tar', bytes: appTar() }];
    const { result } = await compose(sources);
    const other = (await compose([{ name: 'base.ext2', bytes: await base() }])).result.record.outputId;
    const check = await checkComposition({ ...result.record, outputId: other }, sources);
    expect(check).toMatchObject({ ok: false, actualId: result.record.outputId });
  });
});
