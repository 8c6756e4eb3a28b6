import { type ReadSourcesResult, walkManifests } from './manifest-walker.js';
import { nodeFileSystem } from './node-file-system.js';

/** Options of {@link readManifestSources}. */
export interface ReadSourcesOptions {
  /** Also read the subdirectories of a directory, as `kubectl -R` does. Default `false`. */
  readonly recursive?: boolean;
  /** Sources larger than this are reported (`input-too-large`), stopped while read. Default 64 MiB. */
  readonly maxBytes?: number;
  /** Reads standard input, for the path `-`. Default: `process.stdin`. */
  readonly stdin?: () => Promise<Uint8Array>;
}

/**
 * Reads manifest files the way `kubectl apply -f` picks them, from the file system (see
 * `walkManifests`): a path is a file (read whatever its name), a directory (its `.yaml`, `.yml`
 * and `.json` files; its subdirectories only with `recursive`, like `kubectl -R`), or `-` for
 * standard input (read once, named `<stdin>`). Directory entries are taken in name order, depth
 * first, so the result is deterministic. Files are returned as bytes; the parser checks they
 * are UTF-8 text. A path that cannot be read gives an `unreadable-file` error; a directory with
 * nothing to read, or a FIFO or device inside one, a warning; a source over `maxBytes` an
 * `input-too-large` error, found while reading (never more than `maxBytes + 1` bytes are held).
 * A `reach test` expectations file met in a directory is skipped with a warning. Never throws.
 *
 * @param paths - files, directories or `-`, in the order given.
 * @param options - see {@link ReadSourcesOptions}.
 * @returns the sources in order, and the issues.
 */
export async function readManifestSources(
  paths: readonly string[],
  options: ReadSourcesOptions = {},
): Promise<ReadSourcesResult> {
  const fs = nodeFileSystem();
  const stdin = options.stdin;
  return walkManifests(
    stdin === undefined ? fs : { ...fs, readStdin: async () => stdin() },
    paths,
    {
      ...(options.recursive === undefined ? {} : { recursive: options.recursive }),
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      skipExpectationFiles: true,
    },
  );
}
