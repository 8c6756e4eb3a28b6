// "The tree at a git revision" as a file system for the walker. It needs only a way to run
// git; names come from `ls-tree -z`, so git never quotes them (non-ASCII, `"`, `\`).
import type { DirEntry, FileContent, ManifestFileSystem, PathKind } from './manifest-walker.js';

/** Runs git with these arguments in the working directory; resolves with its standard output. */
export type GitRunner = (args: readonly string[]) => Promise<string>;

/** The walker's view of a git revision, and how its paths are named (`REF:path`). */
export interface GitFileSystem extends ManifestFileSystem {
  /** `REF:path` without a leading `./`; `REF:.` for the working directory. */
  nameOf(path: string): string;
}

/** The first line of git's complaint, without `fatal: `. */
function reasonOf(error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  return new Error(text.split('\n')[0]?.replace(/^fatal: /, '') ?? text);
}

/** A path as git reads it relative to the working directory: `./k8s`, `./` for `.`. */
function gitPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return `./${parts.join('/')}`;
}

/**
 * The tree of revision `ref`, read through `git` relative to the working directory, as the
 * walker's file system. Paths must be relative (an absolute path is an error). Blob sizes come
 * from `ls-tree -l` or `cat-file -s`, so a blob over the limit is refused unread.
 *
 * @param git - runs git in the working directory.
 * @param ref - the revision, e.g. `HEAD` or `origin/main`.
 * @returns the adapter, with `nameOf` for the walker.
 */
export function gitFileSystem(git: GitRunner, ref: string): GitFileSystem {
  const sizes = new Map<string, number>();
  const run = async (args: readonly string[]): Promise<string> => {
    try {
      return await git(args);
    } catch (error) {
      throw reasonOf(error);
    }
  };
  const checkRelative = (path: string): void => {
    if (path.startsWith('/')) {
      throw new Error('give paths relative to the working directory with --git-base');
    }
  };
  return {
    nameOf: (path) => `${ref}:${gitPath(path).slice(2) || '.'}`,
    stat: async (path): Promise<PathKind | undefined> => {
      checkRelative(path);
      const type = (await run(['cat-file', '-t', `${ref}:${gitPath(path)}`])).trim();
      return type === 'blob' ? 'file' : type === 'tree' ? 'directory' : 'other';
    },
    readDir: async (path): Promise<readonly DirEntry[]> => {
      const dir = gitPath(path);
      const listing = await run(['ls-tree', '-z', '-l', ref, '--', dir === './' ? dir : `${dir}/`]);
      const entries: DirEntry[] = [];
      for (const record of listing.split('\0')) {
        // `<mode> <type> <object> <size>\t<path>`; the path is relative to the working directory.
        const tab = record.indexOf('\t');
        if (tab < 0) continue;
        const [mode = '', type = '', , size = ''] = record.slice(0, tab).split(/ +/);
        const shown = record.slice(tab + 1);
        const name = shown.slice(shown.lastIndexOf('/') + 1);
        if (type === 'tree') entries.push({ name, kind: 'directory' });
        else if (type === 'blob' && mode !== '120000') {
          sizes.set(gitPath(`${dir}/${name}`), Number(size));
          entries.push({ name, kind: 'file' });
        } else if (mode === '120000') {
          entries.push({ name, kind: 'other', reason: `a symbolic link, not followed at ${ref}` });
        } else entries.push({ name, kind: 'other', reason: `a ${type} at ${ref}` });
      }
      return entries;
    },
    readFile: async (path, maxBytes): Promise<FileContent> => {
      checkRelative(path);
      const object = `${ref}:${gitPath(path)}`;
      let size = sizes.get(gitPath(path));
      if (size === undefined) {
        // Given by name, not listed: make sure it is a file, and ask its size.
        const type = (await run(['cat-file', '-t', object])).trim();
        if (type !== 'blob') throw new Error(`not a file or directory at ${ref} (${type})`);
        size = Number((await run(['cat-file', '-s', object])).trim());
      }
      if (size > maxBytes) return { tooLarge: true };
      return run(['show', object]);
    },
    readStdin: async () => {
      throw new Error('standard input has no git revision');
    },
  };
}
