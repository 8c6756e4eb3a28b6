import type { CompiledCluster } from '../compile/index.js';
import { ReachError } from '../errors.js';
import type {
  Cluster,
  ConnectionSet,
  Endpoint,
  Labels,
  Namespace,
  Pod,
  PodRef,
  SemanticsOptions,
  Traffic,
} from '../model/index.js';
import {
  addObjects,
  compareByNamespaceAndName,
  formatPodRef,
  isAddress,
  namespacesOfPods,
  removeObjects,
} from '../model/index.js';
import { parseIp } from '../net/index.js';
import { checkChange } from './check-compile-input.js';
import type { ResolvedEndpoint } from './explain.js';
import { connectionSetOfPair, explainPair, isolatingPolicies, PolicyWalk } from './explain.js';
import { ownNodeOf } from './own-node.js';
import { pairwisePeerConnections } from './peer-connections.js';
import { checkTraffic } from './traffic.js';
import type {
  AddressRange,
  Change,
  Connection,
  ConnectionRows,
  Connectivity,
  Engine,
  EngineStats,
  Explanation,
  GroupBy,
  GroupedConnections,
  GroupedMatrixRows,
  GroupMatrix,
  GroupMatrixRows,
  PolicyRef,
  ReachabilityMatrix,
} from './types.js';
import type { WorkloadGroup } from './workloads.js';

/** The cluster a change leads to, from the cluster an engine was compiled from. */
export function applyChange(cluster: Cluster, change: Change): Cluster {
  const removed = change.remove?.length ? removeObjects(cluster, change.remove) : cluster;
  return change.add === undefined ? removed : addObjects(removed, change.add);
}

function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** What an overlay adds to and hides from the compiled cluster. */
interface PodChanges {
  /** Added (or replaced) pods, by `namespace/name`, with their overlay index. */
  readonly added: ReadonlyMap<string, Pod>;
  /** Compiled pods that are gone (removed or replaced), by `namespace/name`. */
  readonly hidden: ReadonlySet<string>;
  /** Namespaces that did not exist in the compiled cluster. */
  readonly namespaces: readonly Namespace[];
  /** Every change so far, in order, to build the changed cluster when it is needed. */
  readonly changes: readonly Change[];
}

const NO_CHANGES: PodChanges = { added: new Map(), hidden: new Set(), namespaces: [], changes: [] };

/**
 * The pod changes after one more change, or undefined when the change touches more than pods
 * and new namespaces (a policy, an admin policy, a node, a workload removal, a relabelled
 * namespace): then answers
 * between unchanged pods may change too, and the cluster must be compiled again.
 */
function morePodChanges(
  compiled: CompiledCluster,
  prior: PodChanges,
  change: Change,
): PodChanges | undefined {
  if (change.remove?.some((r) => r.kind !== 'Pod')) return undefined;
  // Admin policies select pods across namespaces and match them by IP (networks peers): with
  // any, a changed pod can change answers between unchanged ones; compile again.
  if ((compiled.cluster.adminPolicies?.length ?? 0) > 0) return undefined;
  const added = new Map(prior.added);
  const hidden = new Set(prior.hidden);
  const namespaces = [...prior.namespaces];
  for (const ref of change.remove ?? []) {
    const key = `${ref.namespace ?? ''}/${ref.name}`;
    added.delete(key);
    if (compiled.podIndex.has(key)) hidden.add(key);
  }
  const add = change.add;
  if (add !== undefined) {
    // Policies of either kind, and nodes (which admin policies' `nodes` peers select), can
    // change answers between unchanged pods.
    if ((add.policies?.length ?? 0) > 0 || (add.adminPolicies?.length ?? 0) > 0) return undefined;
    if ((add.nodes?.length ?? 0) > 0) return undefined;
    const existing = new Map(compiled.namespaces.map((ns) => [ns.name, ns.labels]));
    for (const ns of namespaces) existing.set(ns.name, ns.labels);
    const addedPods = add.pods ?? [];
    for (const ns of namespacesOfPods(add.namespaces ?? [], addedPods)) {
      const labels = existing.get(ns.name);
      if (labels === undefined) {
        namespaces.push(ns);
        existing.set(ns.name, ns.labels);
      } else if (!ns.synthesized && !sameLabels(labels, ns.labels)) {
        return undefined;
      }
    }
    for (const pod of addedPods) {
      const key = formatPodRef(pod);
      added.set(key, pod);
      if (compiled.podIndex.has(key)) hidden.add(key);
    }
  }
  return { added, hidden, namespaces, changes: [...prior.changes, change] };
}

/**
 * An engine for a cluster that differs from a compiled one only in a few pods. Questions between
 * two unchanged pods go to the compiled engine; questions that involve a changed pod are
 * answered by walking the policies for that pair (the path `explain` takes, held to the
 * compiled path by the property tests). Whole-cluster answers (matrix, connectivity) compile
 * the changed cluster once, on first use.
 */
class OverlayEngine implements Engine {
  readonly options: SemanticsOptions;
  private readonly walk: PolicyWalk;
  private readonly changed = new Map<string, { pod: Pod; index: number }>();
  private readonly hidden: ReadonlySet<string>;
  private podList: PodRef[] | undefined;
  private changedClusterCache: Cluster | undefined;
  private full: Engine | undefined;

  constructor(
    private readonly base: Engine,
    private readonly compiled: CompiledCluster,
    private readonly podChanges: PodChanges,
    private readonly recompile: (cluster: Cluster) => Engine,
  ) {
    this.options = compiled.options;
    let i = compiled.pods.length;
    // Indexes past the compiled ones, so that only a pod is ever "itself".
    for (const [key, pod] of podChanges.added) this.changed.set(key, { pod, index: i++ });
    this.hidden = podChanges.hidden;
    this.walk = new PolicyWalk(
      [...compiled.namespaces, ...podChanges.namespaces],
      compiled.policies,
      compiled.options,
      // With admin policies, a what-if recompiles; the overlay walks NetworkPolicy alone.
      undefined,
      ownNodeOf(compiled),
    );
  }

  /** Every pod, sorted: the compiled ones still there, and the added ones merged in. */
  get pods(): readonly PodRef[] {
    if (this.podList === undefined) {
      const added = [...this.changed.values()].map(({ pod }) => ({
        namespace: pod.namespace,
        name: pod.name,
      }));
      added.sort(compareByNamespaceAndName);
      const out: PodRef[] = [];
      let j = 0;
      for (const ref of this.base.pods) {
        while (j < added.length && compareByNamespaceAndName(added[j] as PodRef, ref) < 0)
          out.push(added[j++] as PodRef);
        if (!this.hidden.has(formatPodRef(ref))) out.push(ref);
      }
      while (j < added.length) out.push(added[j++] as PodRef);
      this.podList = out;
    }
    return this.podList;
  }

  /** The changed cluster, built on first use. */
  get cluster(): Cluster {
    return this.changedCluster();
  }

  private changedCluster(): Cluster {
    this.changedClusterCache ??= this.podChanges.changes.reduce(
      (cluster, change) => applyChange(cluster, change),
      this.compiled.cluster,
    );
    return this.changedClusterCache;
  }

  get stats(): EngineStats {
    return { ...this.base.stats, pods: this.pods.length };
  }

  private isChanged(endpoint: Endpoint): boolean {
    return !isAddress(endpoint) && this.changed.has(formatPodRef(endpoint));
  }

  private check(endpoint: Endpoint): void {
    if (
      !isAddress(endpoint) &&
      this.hidden.has(formatPodRef(endpoint)) &&
      !this.isChanged(endpoint)
    ) {
      throw new ReachError('unknown-pod', `no pod ${formatPodRef(endpoint)} in the cluster`);
    }
  }

  private resolve(endpoint: Endpoint): ResolvedEndpoint {
    if (isAddress(endpoint)) {
      const address = parseIp(endpoint.address);
      if (!address)
        throw new ReachError('invalid-endpoint', `not an IP address: ${endpoint.address}`);
      return { kind: 'address', address };
    }
    const key = formatPodRef(endpoint);
    const changed = this.changed.get(key);
    if (changed) return { kind: 'pod', index: changed.index, pod: changed.pod };
    this.check(endpoint);
    const index = this.compiled.podIndex.get(key);
    const pod = index === undefined ? undefined : this.compiled.pods[index];
    if (index === undefined || pod === undefined) {
      throw new ReachError('unknown-pod', `no pod ${key} in the cluster`);
    }
    return { kind: 'pod', index, pod };
  }

  private involvesChange(from: Endpoint, to: Endpoint): boolean {
    this.check(from);
    this.check(to);
    return this.isChanged(from) || this.isChanged(to);
  }

  canReach(from: Endpoint, to: Endpoint, traffic: Traffic): boolean {
    if (!this.involvesChange(from, to)) return this.base.canReach(from, to, traffic);
    return this.explain(from, to, traffic).allowed;
  }

  connections(from: Endpoint, to: Endpoint): ConnectionSet {
    if (!this.involvesChange(from, to)) return this.base.connections(from, to);
    return connectionSetOfPair(this.walk, this.resolve(from), this.resolve(to));
  }

  explain(from: Endpoint, to: Endpoint, traffic: Traffic): Explanation {
    const t = checkTraffic(traffic);
    return explainPair(this.walk, this.resolve(from), this.resolve(to), from, to, t);
  }

  reachableFrom(from: Endpoint, traffic: Traffic): readonly PodRef[] {
    return this.peers(from, traffic, this.base.reachableFrom.bind(this.base), (other) =>
      this.canReach(from, other, traffic),
    );
  }

  reachersOf(to: Endpoint, traffic: Traffic): readonly PodRef[] {
    return this.peers(to, traffic, this.base.reachersOf.bind(this.base), (other) =>
      this.canReach(other, to, traffic),
    );
  }

  /**
   * An unchanged endpoint keeps its compiled answer for unchanged pods; changed pods, and every
   * pod when the endpoint itself changed, are asked pair by pair.
   */
  private peers(
    endpoint: Endpoint,
    traffic: Traffic,
    compiled: (endpoint: Endpoint, traffic: Traffic) => readonly PodRef[],
    test: (other: PodRef) => boolean,
  ): PodRef[] {
    checkTraffic(traffic);
    this.resolve(endpoint);
    if (this.isChanged(endpoint)) return this.pods.filter(test);
    const unchanged = new Set(compiled(endpoint, traffic).map(formatPodRef));
    return this.pods.filter((p) =>
      this.isChanged(p)
        ? test(p)
        : unchanged.has(formatPodRef(p)) && !this.hidden.has(formatPodRef(p)),
    );
  }

  isolation(pod: PodRef, direction: 'ingress' | 'egress'): readonly PolicyRef[] {
    const resolved = this.resolve(pod);
    return resolved.kind === 'pod' ? isolatingPolicies(this.walk, resolved.pod, direction) : [];
  }

  private compiledFull(): Engine {
    this.full ??= this.recompile(this.changedCluster());
    return this.full;
  }

  matrix(traffic: Traffic): ReachabilityMatrix {
    return this.compiledFull().matrix(traffic);
  }

  groups(by: GroupBy): readonly WorkloadGroup[] {
    return this.compiledFull().groups(by);
  }

  connectivity(by: GroupBy): Connectivity {
    return this.compiledFull().connectivity(by);
  }

  eachConnection(by: GroupBy): Iterable<Connection> {
    return this.compiledFull().eachConnection(by);
  }

  connectionRows(by: GroupBy): ConnectionRows {
    return this.compiledFull().connectionRows(by);
  }

  groupMatrix(traffic: Traffic, by: GroupBy): GroupMatrix {
    return this.compiledFull().groupMatrix(traffic, by);
  }

  groupMatrixRows(traffic: Traffic, by: GroupBy): GroupMatrixRows {
    return this.compiledFull().groupMatrixRows(traffic, by);
  }

  groupedConnections(by: GroupBy): GroupedConnections {
    return this.compiledFull().groupedConnections(by);
  }

  groupedMatrixRows(traffic: Traffic, by: GroupBy): GroupedMatrixRows {
    return this.compiledFull().groupedMatrixRows(traffic, by);
  }

  addressRanges(): readonly AddressRange[] {
    return this.base.addressRanges();
  }

  peerConnections(
    subject: readonly Endpoint[],
    others: readonly Endpoint[],
    direction: 'to' | 'from',
    combine: 'all' | 'any',
  ): readonly ConnectionSet[] {
    // Changed pods have no compiled rows: every pair is answered as `connections` answers it.
    return pairwisePeerConnections(this, subject, others, direction, combine);
  }

  with(change: Change): Engine {
    return whatIf(this.base, this.compiled, change, this.recompile, this.podChanges);
  }
}

/**
 * The engine after a change to the cluster `base` was compiled from: an overlay on `base` when
 * only pods (and new namespaces) change, which costs about as much as parsing the added
 * manifests; else a fresh compilation of the changed cluster.
 *
 * @throws {@link ReachError} `invalid-change` for a malformed change (see `checkChange`).
 */
export function whatIf(
  base: Engine,
  compiled: CompiledCluster,
  change: Change,
  recompile: (cluster: Cluster) => Engine,
  prior: PodChanges = NO_CHANGES,
): Engine {
  checkChange(change);
  const podChanges = morePodChanges(compiled, prior, change);
  if (podChanges === undefined) {
    const cluster = [...prior.changes, change].reduce(
      (c, next) => applyChange(c, next),
      compiled.cluster,
    );
    return recompile(cluster);
  }
  return new OverlayEngine(base, compiled, podChanges, recompile);
}
