/**
 * The share of a repository's changes in the window above which a folder that nothing
 * else owns is split into its sub-folders (see {@link splitFolders}).
 */
export const FOLDER_SPLIT_SHARE = 0.2;

/** How deep splitting goes at most, so a deep tree of single folders stays readable. */
const MAX_DEPTH = 8;

export interface FolderSplitOptions {
  /** Split a folder holding more than this share of all changes (default 20 %). */
  share?: number;
  /** Instead: every component folder is this many levels deep (1 = top-level folders). */
  depth?: number;
}

/**
 * The folders that become components when nothing else owns a path, sized to be useful:
 * a folder holding more than `share` of the repository's changes in the window (`total`:
 * every file change there, whoever decides the path) is split into its sub-folders, and
 * so on down (at most 8 levels). `changes` counts the file changes of the paths left to
 * folders. A split folder keeps the files directly inside it as a component of its own.
 * With `depth`, folders are cut at that depth instead. Returns a path's component folder,
 * `/` for files at the root.
 *
 * Example: with 100 changes, 60 in `drivers/` (40 in `drivers/net/`, 20 in
 * `drivers/bus/`) and 40 in `lib/`, both are split: `drivers/net`, `drivers/bus` and the
 * sub-folders of `lib`; with `depth: 1` they stay `drivers` and `lib`.
 */
export function splitFolders(
  changes: Iterable<readonly [path: string, count: number]>,
  total: number,
  options: FolderSplitOptions = {},
): (path: string) => string {
  if (options.depth !== undefined) {
    const depth = Math.max(1, Math.floor(options.depth));
    return (path) => {
      const names = path.split('/');
      return names.length === 1 ? '/' : names.slice(0, Math.min(depth, names.length - 1)).join('/');
    };
  }
  const limit = (options.share ?? FOLDER_SPLIT_SHARE) * total;
  const inFolder = new Map<string, number>();
  for (const [path, count] of changes) {
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
      const folder = path.slice(0, i);
      inFolder.set(folder, (inFolder.get(folder) ?? 0) + count);
    }
  }
  /** Whether a folder is split: it holds too much, and changes in a sub-folder. */
  const split = new Set<string>();
  for (const [folder, count] of inFolder) {
    if (count <= limit || folder.split('/').length >= MAX_DEPTH) continue;
    split.add(folder);
  }
  return (path) => {
    const names = path.split('/');
    if (names.length === 1) return '/';
    let folder = names[0] as string;
    for (let i = 1; i < names.length - 1 && split.has(folder); i++) {
      folder = `${folder}/${names[i]}`;
    }
    return folder;
  };
}
