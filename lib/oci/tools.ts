/**
 * The tools layer (issue 5): ordinary riscv64 images (alpine, debian) have no Cartesi init. What is missing is
 * copied from the default machine's root file system (guest/, read with lib/ext2):
 * - `/usr/sbin/cartesi-init` (PID 1, spec §4.3) and `/usr/sbin/xhalt` (which it calls to halt with the exit
 *   status), when the image has no cartesi-init;
 * - `/usr/bin/flashdrive`, when absent;
 * - `/bin/busybox`, and links for its applets: all of them when the image has no `/bin/sh`; otherwise only the
 *   applets our cartesi-init needs that the image lacks (when cartesi-init was added).
 * - the mount points cartesi-init and the kernel use (`/dev`, `/proc`, `/sys`, `/tmp`, `/run`, `/mnt`), when
 *   absent (images built `FROM scratch` have none; without `/dev` the kernel cannot open the console).
 * Lookups follow the image's symlinks (merged /usr). Added applet links are absolute (`/bin/busybox`), so they
 * work wherever the image's directories really are. Returns what was added, for the UI and the CLI.
 */
import { CartiError } from '../machine/errors';
import type { FileTree, TreeNode } from '../ext2/tree';
import { ensureDirectory, resolvePath } from './resolve';

/** Commands /usr/sbin/cartesi-init runs (guest/rootfs/files/usr/sbin/cartesi-init). */
export const INIT_APPLETS = ['sh', 'mount', 'mountpoint', 'mkdir', 'hostname', 'awk', 'cat', 'setsid', 'cttyhack', 'setuidgid', 'kill', 'sync', 'umount', 'poweroff', 'sleep'];
const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function exists(tree: FileTree, path: string): boolean {
  return resolvePath(tree, path) !== undefined;
}

function onPath(tree: FileTree, command: string): boolean {
  return SEARCH_PATH.some((directory) => exists(tree, `${directory}/${command}`));
}

function toolFile(tools: FileTree, path: string): TreeNode & { kind: 'file' } {
  const node = tools.get(path);
  if (node?.kind !== 'file') throw new CartiError('OCI_TOOLS_MISSING', tools.inputName, path, 'the tools root file system has no such file');
  return node;
}

/** Copies a tools file into the image at `path` (its directory resolved through the image's links). */
function copyFile(image: FileTree, tools: FileTree, path: string, added: string[]): string {
  const node = toolFile(tools, path);
  const slash = path.lastIndexOf('/');
  const directory = ensureDirectory(image, path.slice(0, slash));
  const target = `${directory === '/' ? '' : directory}${path.slice(slash)}`;
  image.addFile(target, node.content, { mode: node.permissions, uid: 0, gid: 0 });
  added.push(target);
  return target;
}

/** Applet names (with their directories) that are links to busybox in the tools tree. */
function appletLinks(tools: FileTree): string[] {
  const links: string[] = [];
  for (const { path, node } of tools.entries()) {
    if (node.kind === 'symlink' && node.target.endsWith('/busybox')) links.push(path);
  }
  return links;
}

export interface ToolsAdded {
  /** Files copied from the default machine (`/usr/sbin/cartesi-init`, …). */
  files: string[];
  /** Busybox applet links added. */
  links: string[];
  /** Mount-point directories added. */
  directories: string[];
}

const MOUNT_POINTS: Array<[string, number]> = [['/dev', 0o755], ['/proc', 0o555], ['/sys', 0o555], ['/tmp', 0o1777], ['/run', 0o755], ['/mnt', 0o755]];

export function addToolsLayer(image: FileTree, tools: FileTree): ToolsAdded {
  const added: string[] = [];
  const links: string[] = [];
  const directories: string[] = [];
  for (const [path, mode] of MOUNT_POINTS) {
    if (exists(image, path) || image.get(path)) continue;
    image.addDirectory(path, { mode });
    directories.push(path);
  }
  const addedInit = !exists(image, '/usr/sbin/cartesi-init');
  if (addedInit) {
    copyFile(image, tools, '/usr/sbin/cartesi-init', added);
    if (!exists(image, '/usr/sbin/xhalt')) copyFile(image, tools, '/usr/sbin/xhalt', added);
  }
  if (!exists(image, '/usr/bin/flashdrive')) copyFile(image, tools, '/usr/bin/flashdrive', added);
  const hasShell = exists(image, '/bin/sh');
  const wanted = appletLinks(tools).filter((link) => {
    const name = link.slice(link.lastIndexOf('/') + 1);
    if (!hasShell) return !exists(image, link);
    return addedInit && INIT_APPLETS.includes(name) && !onPath(image, name);
  });
  if (wanted.length === 0) return { files: added, links, directories };
  const busybox = exists(image, '/bin/busybox') ? resolvePath(image, '/bin/busybox')!.realPath : copyFile(image, tools, '/bin/busybox', added);
  for (const link of wanted) {
    const slash = link.lastIndexOf('/');
    const directory = ensureDirectory(image, link.slice(0, slash));
    const target = `${directory === '/' ? '' : directory}${link.slice(slash)}`;
    if (image.get(target)) continue;
    image.addSymlink(target, busybox, { mode: 0o777 });
    links.push(target);
  }
  return { files: added, links, directories };
}
