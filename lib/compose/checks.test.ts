import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft } from './draft';
import { addEmptyDrive, renameDrive, setDriveLength, setDriveReadOnly, setDriveShared, setRamBundle, setRootBundle } from './drive-edits';
import { bootBlocker, checkDraft, problemsFor, slotOfLocation, unknownSizeIds, WASM_GUEST_BUDGET_BYTES } from './checks';
import { testBundles, type TestBundles } from './test-bundles';
import { withStudioMetadata } from '../carti/studio-metadata';

let b: TestBundles;
beforeAll(async () => { b = await testBundles(); });
const MiB = 1n << 20n;
const defaultMachine = () => setRootBundle(setRamBundle(emptyDraft(), b.kernel), b.rootfs, 12n * MiB);

describe('checkDraft', () => {
  it('finds nothing wrong with the default machine', () => {
    expect(checkDraft(defaultMachine())).toEqual([]);
  });
  it('reports an empty RAM slot on the RAM slot and blocks Boot', () => {
    const problems = checkDraft(emptyDraft());
    expect(problemsFor(problems, 'ram')[0]!.reason).toMatch(/no image is set/);
    expect(bootBlocker(problems)).toBeDefined();
  });
  it('reports a missing root drive on the drive list', () => {
    const problems = checkDraft(setRamBundle(emptyDraft(), b.kernel));
    expect(problemsFor(problems, 'drives')[0]!.reason).toMatch(/no drive is labelled "root"/);
  });
  it('warns about a read-only drive that is empty or shared, without blocking Boot', () => {
    const empty = checkDraft(setDriveReadOnly(addEmptyDrive(defaultMachine(), 'out', 2n * MiB), 1, true));
    expect(problemsFor(empty, 'drive:1').map((p) => p.code)).toEqual(['read-only-empty']);
    const shared = checkDraft(setDriveShared(setDriveReadOnly(defaultMachine(), 0, true), 0, true));
    expect(problemsFor(shared, 'drive:0').map((p) => p.code)).toEqual(['read-only-shared']);
    expect(bootBlocker(shared)).toBeUndefined();
  });
  it('reports a duplicate label on the drive that repeats it', () => {
    const pkg = renameDrive(addEmptyDrive(defaultMachine(), 'out', 2n * MiB), 1, 'root');
    expect(problemsFor(checkDraft(pkg), 'drive:1').map((p) => p.code)).toContain('duplicate-label');
  });
  it('reports a RAM image larger than RAM once its size is known', () => {
    const sizes = new Map([[b.kernel.id, 200n * MiB]]);
    expect(problemsFor(checkDraft(defaultMachine(), { sizes }), 'ram')[0]!.reason).toMatch(/larger than the RAM/);
  });
  it('reports a drive shorter than its bundle once the size is known', () => {
    const sizes = new Map([[b.rootfs.id, 20n * MiB]]);
    expect(problemsFor(checkDraft(defaultMachine(), { sizes }), 'drive:0')[0]!.code).toBe('too-large');
  });
  it('reports RAM plus drives beyond one wasm memory', () => {
    const pkg = setDriveLength(defaultMachine(), 0, WASM_GUEST_BUDGET_BYTES);
    expect(problemsFor(checkDraft(pkg), 'drives').some((p) => /one wasm memory/.test(p.reason))).toBe(true);
  });
  it('warns, without blocking Boot, about a length that is not a multiple of 2 MiB', () => {
    const problems = checkDraft(addEmptyDrive(defaultMachine(), 'small', 4096n));
    expect(problemsFor(problems, 'drive:1').map((p) => p.severity)).toEqual(['warning']);
    expect(bootBlocker(problems)).toBeUndefined();
  });
  it('blocks Boot for a legacy package until it is converted', () => {
    const pkg = withStudioMetadata(defaultMachine(), { version: 1, targetMachine: 'legacy' });
    expect(bootBlocker(checkDraft(pkg))).toMatch(/convert it first|needs a rom/);
  });
});

describe('helpers', () => {
  it('maps JSON paths to slots', () => {
    expect(slotOfLocation('machineConfig.flash_drive[3].label')).toBe('drive:3');
    expect(slotOfLocation('machineConfig.ram.length')).toBe('ram');
    expect(slotOfLocation('assets[0].cid')).toBe('package');
  });
  it('lists ids whose size is not known yet', () => {
    expect(unknownSizeIds(defaultMachine(), new Map([[b.kernel.id, 1n]]))).toEqual([b.rootfs.id]);
  });
});
