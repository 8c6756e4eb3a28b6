import { ClusterLoadError } from '../errors.js';
import { type Cluster, DEFAULT_NAMESPACE, type Labels } from '../model/index.js';
import { buildCluster } from './build-cluster.js';
import type { DecodeContext } from './context.js';
import { type DecodedObject, decodeObject } from './decode-object.js';
import type { Issue } from './issue.js';
import { DEFAULT_MAX_BYTES, type ManifestSource, parseDocuments } from './parse-documents.js';
import type { UnevaluatedObject } from './unevaluated.js';

/** Options of {@link parseCluster} and {@link loadCluster}. */
export interface ParseOptions {
  /** Namespace of objects without `metadata.namespace`. Default `'default'`. */
  readonly defaultNamespace?: string;
  /**
   * Keep Pods in phase Succeeded or Failed. Default `false`: such pods hold no IP and accept no
   * traffic, so they are left out (without an issue: finished Job pods are normal).
   */
  readonly includeTerminatedPods?: boolean;
  /**
   * Unknown fields (`spec.podselector`) are errors, as with `kubectl apply --validate=strict`.
   * Default `false`: they are warnings.
   */
  readonly strict?: boolean;
  /**
   * Labels of namespaces that objects of the input live in but that no Namespace object
   * declares (as in `helm template` or `kustomize build` output), by namespace name. Without
   * them such a namespace has only its `kubernetes.io/metadata.name` label, and a
   * `namespace-not-declared` warning says so when some namespaceSelector could see more. Labels
   * for a namespace the input declares are a `namespace-labels` error; for one nothing lives in,
   * a `namespace-labels` warning.
   */
  readonly namespaceLabels?: Readonly<Record<string, Labels>>;
  /** Largest source accepted, in bytes; larger ones give an `input-too-large` error. Default 64 MiB. */
  readonly maxBytes?: number;
}

/** Outcome of {@link parseCluster}: a cluster and its warnings, or every issue found. */
export type ParseResult =
  | {
      readonly ok: true;
      readonly cluster: Cluster;
      readonly issues: readonly Issue[];
      readonly unevaluated: readonly UnevaluatedObject[];
    }
  | {
      readonly ok: false;
      readonly issues: readonly Issue[];
      readonly unevaluated: readonly UnevaluatedObject[];
    };

/** What {@link parseCluster} reads: YAML/JSON text (named `<input>`), one source or several. */
export type ParseInput = string | ManifestSource | readonly ManifestSource[];

/**
 * Reads Kubernetes manifests into a {@link Cluster}, applying API-server defaulting and
 * validation, and collecting every problem as an {@link Issue} with its file, document, object
 * and field path. Never throws, whatever the input: problems come back as `ok: false`.
 *
 * Reads Namespace, Node, Pod, Service, `networking.k8s.io/v1` NetworkPolicy, and the workloads
 * Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job and CronJob, whose
 * pod template becomes a pod named `<kind in lower case>/<name>` unless the input shows the
 * workload's own pods. A `spec.nodeName` that no Node object declares gives a synthesized Node
 * whose addresses are the host IPs its pods report; a host-network pod with no IP of its own
 * takes its node's IP. Other kinds are skipped with a warning; those that can change traffic
 * (CiliumNetworkPolicy, Calico and Istio policies, AdminNetworkPolicy, ...) are also listed in
 * `unevaluated`, since every answer ignores them. Every list of the result is
 * sorted, so the same input always gives the same cluster.
 *
 * @param input - manifest text (its source is named `<input>`), or named sources.
 * @param options - see {@link ParseOptions}.
 * @returns `{ ok: true, cluster, issues, unevaluated }` where `issues` holds only warnings, or
 *   `{ ok: false, issues, unevaluated }` with at least one error.
 * @example
 * ```ts
 * const result = parseCluster({ name: 'shop.yaml', text: yaml });
 * if (!result.ok) for (const line of formatIssues(result.issues)) console.error(line);
 * ```
 */
export function parseCluster(input: ParseInput, options: ParseOptions = {}): ParseResult {
  const issues: Issue[] = [];
  const unevaluated: UnevaluatedObject[] = [];
  try {
    const sources = toSources(input, issues);
    const maxBytes = validMaxBytes(options.maxBytes);
    const defaultNamespace = options.defaultNamespace || DEFAULT_NAMESPACE;
    const decoded: DecodedObject[] = [];
    for (const source of sources) {
      const documents = parseDocuments(source, maxBytes);
      issues.push(...documents.issues);
      for (const raw of documents.objects) {
        const ctx: DecodeContext = {
          issues,
          file: source.name,
          doc: raw.doc,
          ...(options.strict === true ? { strict: true } : {}),
          ...(raw.item === undefined ? {} : { item: raw.item }),
        };
        const object = decodeObject(raw, { defaultNamespace }, ctx);
        if (object?.type === 'unevaluated') {
          unevaluated.push(object.unevaluated);
        } else if (object !== undefined) {
          decoded.push(object);
        }
      }
    }
    const cluster = buildCluster(decoded, issues, {
      includeTerminatedPods: options.includeTerminatedPods ?? false,
      namespaceLabels: new Map(Object.entries(options.namespaceLabels ?? {})),
    });
    if (issues.some((i) => i.severity === 'error')) return { ok: false, issues, unevaluated };
    return { ok: true, cluster, issues, unevaluated };
  } catch (e) {
    // Not expected; kept so that no input can make the parser throw.
    issues.push({
      code: 'invalid-value',
      severity: 'error',
      message: `internal error while reading the input: ${e instanceof Error ? e.message : String(e)}`,
      file: '<input>',
      path: [],
    });
    return { ok: false, issues, unevaluated };
  }
}

/**
 * Like {@link parseCluster}, but returns the cluster and throws on errors (warnings are dropped;
 * use `parseCluster` to see them).
 *
 * @param input - manifest text (its source is named `<input>`), or named sources.
 * @param options - see {@link ParseOptions}.
 * @returns the cluster.
 * @throws {@link ClusterLoadError} (code `invalid-cluster`) carrying every issue, when the input
 *   has at least one error.
 * @example
 * ```ts
 * const cluster = loadCluster(fs.readFileSync('cluster.yaml', 'utf8'));
 * console.log(cluster.pods.map((p) => `${p.namespace}/${p.name}`));
 * ```
 */
export function loadCluster(input: ParseInput, options?: ParseOptions): Cluster {
  const result = parseCluster(input, options);
  if (!result.ok) throw new ClusterLoadError(result.issues);
  return result.cluster;
}

function toSources(input: ParseInput, issues: Issue[]): ManifestSource[] {
  if (typeof input === 'string') return [{ name: '<input>', text: input }];
  const list: readonly unknown[] = Array.isArray(input) ? input : [input];
  const sources: ManifestSource[] = [];
  list.forEach((source, i) => {
    if (isSource(source)) {
      sources.push(source);
    } else {
      // A caller outside TypeScript passed something else: report it rather than throw.
      issues.push({
        code: 'not-text',
        severity: 'error',
        message: 'not a manifest source: expected { name: string, text: string | Uint8Array }',
        file: `<input ${i}>`,
        path: [],
      });
    }
  });
  return sources;
}

function isSource(value: unknown): value is ManifestSource {
  if (typeof value !== 'object' || value === null) return false;
  const { name, text } = value as { name?: unknown; text?: unknown };
  return typeof name === 'string' && (typeof text === 'string' || text instanceof Uint8Array);
}

function validMaxBytes(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : DEFAULT_MAX_BYTES;
}
