import type { Cluster, Issue, ManifestSource, UnevaluatedObject } from '@kube-reach/core';
import { parseCluster } from '@kube-reach/core';
import type { ManifestOptions } from './command.js';
import type { Io } from './io.js';
import { errorLine, warningLine } from './print.js';
import type { Progress } from './progress.js';
import { readManifests } from './read-manifests.js';

/**
 * The manifests of `-f`, loaded: a cluster and its warnings, or every issue found (reading
 * and parsing). `files` counts the sources read.
 */
export type LoadResult =
  | {
      readonly ok: true;
      readonly files: number;
      readonly cluster: Cluster;
      readonly issues: readonly Issue[];
      readonly unevaluated: readonly UnevaluatedObject[];
    }
  | {
      readonly ok: false;
      readonly files: number;
      readonly issues: readonly Issue[];
      readonly unevaluated: readonly UnevaluatedObject[];
    };

/** The flags that decide how strictly manifests are loaded. */
export type LoadOptions = Pick<
  ManifestOptions,
  | 'namespace'
  | 'includeTerminatedPods'
  | 'strict'
  | 'allowEmpty'
  | 'failOnUnevaluated'
  | 'namespaceLabels'
>;

/**
 * Reads the paths of `-f` through `io` and parses them into one cluster, as
 * `loadClusterFromPaths` of `@kube-reach/core/node` does: unreadable paths are errors next to
 * the parse issues, so one run reports every problem.
 */
export async function loadCluster(
  io: Io,
  options: ManifestOptions,
  progress?: Progress,
): Promise<LoadResult> {
  const read = await readManifests(io, options.filenames, options.recursive, (count) => {
    progress?.update(`reading manifests: ${count} ${count === 1 ? 'file' : 'files'}`);
  });
  progress?.update(
    `parsing ${read.sources.length} ${read.sources.length === 1 ? 'source' : 'sources'}`,
  );
  return parseSources(io, read, options);
}

/**
 * Parses what was read, the same way for every command: `--strict` makes unknown fields
 * errors; policies that can change traffic but are not evaluated are named on stderr, one line
 * per kind (errors with `--fail-on-unevaluated`); input without pods or workloads is an error
 * unless `--allow-empty`, since it usually means a failed pipe or a wrong path.
 */
export function parseSources(
  io: Io,
  read: { readonly sources: readonly ManifestSource[]; readonly issues: readonly Issue[] },
  options: LoadOptions,
): LoadResult {
  const parsed = parseCluster(read.sources, {
    defaultNamespace: options.namespace,
    includeTerminatedPods: options.includeTerminatedPods,
    ...(options.strict === true ? { strict: true } : {}),
    ...(options.namespaceLabels === undefined ? {} : { namespaceLabels: options.namespaceLabels }),
  });
  const fail = options.failOnUnevaluated === true;
  for (const line of unevaluatedLines(parsed.unevaluated, fail)) io.stderr(`${line}\n`);
  const issues = [...read.issues, ...parsed.issues];
  const files = read.sources.length;
  const { unevaluated } = parsed;
  if (!parsed.ok || read.issues.some((i) => i.severity === 'error')) {
    return { ok: false, files, issues, unevaluated };
  }
  if (fail && unevaluated.length > 0) return { ok: false, files, issues, unevaluated };
  const { cluster } = parsed;
  if (options.allowEmpty !== true && cluster.pods.length === 0 && cluster.workloads.length === 0) {
    issues.push({
      code: 'empty-input',
      severity: 'error',
      message: 'no pods or workloads in the input (pass --allow-empty to accept it)',
      file: read.sources.length === 1 ? (read.sources[0]?.name ?? '<input>') : '<input>',
      path: [],
    });
    return { ok: false, files, issues, unevaluated };
  }
  return { ok: true, files, cluster, issues, unevaluated };
}

/**
 * One line per kind of policy that was skipped although it can change traffic:
 * `warning: 2 CiliumNetworkPolicy (cilium.io/v2) not evaluated: answers ignore them (a.yaml, b.yaml)`.
 */
export function unevaluatedLines(objects: readonly UnevaluatedObject[], fail: boolean): string[] {
  const byKind = new Map<string, UnevaluatedObject[]>();
  for (const object of objects) {
    const key = `${object.kind} (${object.apiVersion})`;
    byKind.set(key, [...(byKind.get(key) ?? []), object]);
  }
  return [...byKind].map(([key, list]) => {
    const files = [...new Set(list.map((o) => o.source.file))];
    const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')}, ...` : files.join(', ');
    const them = list.length === 1 ? 'it' : 'them';
    const line = `${list.length} ${key} not evaluated: answers ignore ${them}`;
    return fail
      ? errorLine(`${line} (--fail-on-unevaluated) (${shown})`)
      : warningLine(`${line} (${shown})`);
  });
}

/**
 * The `unevaluated` field of the `-o json` and `-o yaml` documents: the policies that can
 * change traffic but were not evaluated, as parseCluster lists them; no field when there are
 * none, so the documents of inputs without them stay as they were.
 */
export function unevaluatedField(unevaluated: readonly UnevaluatedObject[]): {
  readonly unevaluated?: readonly UnevaluatedObject[];
} {
  return unevaluated.length > 0 ? { unevaluated } : {};
}
