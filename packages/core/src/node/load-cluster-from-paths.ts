import { type Issue, type ParseOptions, type ParseResult, parseCluster } from '../parse/index.js';
import { readManifestSources } from './read-manifest-sources.js';

/** Options of {@link loadClusterFromPaths}: parse options plus `recursive` (kubectl's `-R`). */
export interface LoadPathsOptions extends ParseOptions {
  readonly recursive?: boolean;
  /** Reads standard input, for the path `-`. Default: `process.stdin`. */
  readonly stdin?: () => Promise<Uint8Array>;
}

/**
 * Reads manifest files, directories and `-` (see `readManifestSources`) and parses them into a
 * cluster (see `parseCluster`). Unreadable paths are errors alongside the parse issues, so one
 * run reports every problem. Never rejects.
 *
 * @param paths - files, directories or `-`.
 * @param options - parse options, `recursive` and `stdin`.
 * @returns the parse result; its issues start with those of reading the paths.
 * @example
 * ```ts
 * const result = await loadClusterFromPaths(['manifests/'], { recursive: true });
 * if (!result.ok) for (const line of formatIssues(result.issues)) console.error(line);
 * ```
 */
export async function loadClusterFromPaths(
  paths: readonly string[],
  options: LoadPathsOptions = {},
): Promise<ParseResult> {
  const { recursive, stdin, ...parseOptions } = options;
  const read = await readManifestSources(paths, {
    ...(recursive === undefined ? {} : { recursive }),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(stdin === undefined ? {} : { stdin }),
  });
  const parsed = parseCluster(read.sources, parseOptions);
  const issues: Issue[] = [...read.issues, ...parsed.issues];
  if (parsed.ok && !read.issues.some((i) => i.severity === 'error')) {
    return { ok: true, cluster: parsed.cluster, issues, unevaluated: parsed.unevaluated };
  }
  return { ok: false, issues, unevaluated: parsed.unevaluated };
}
