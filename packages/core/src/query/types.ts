import type { Bitset } from '../bitset/index.js';
import type {
  AdminAction,
  AdminTier,
  Cluster,
  ClusterObjects,
  ConnectionSet,
  Endpoint,
  ObjectRef,
  PodRef,
  SemanticsOptions,
  Traffic,
} from '../model/index.js';
import type { WorkloadGroup } from './workloads.js';

/** A policy, by `namespace/name`. */
export interface PolicyRef {
  readonly namespace: string;
  readonly name: string;
}

/** The rule (and the peer and port entry in it) that allowed a connection. */
export interface RuleRef {
  readonly policy: PolicyRef;
  readonly direction: 'ingress' | 'egress';
  /** Index in `spec.ingress` / `spec.egress`. */
  readonly ruleIndex: number;
  /** Index in the rule's `from` / `to`; absent when the rule lists no peer (all peers). */
  readonly peerIndex?: number;
  /** Index in the rule's `ports`; absent when the rule lists no port (all ports). */
  readonly portIndex?: number;
}

/** What one side of a connection decided. */
export interface DirectionVerdict {
  /** Some policy of this direction selects the pod (always false for an address). */
  readonly isolated: boolean;
  /** The policies that isolate it. */
  readonly isolatedBy: readonly PolicyRef[];
  readonly allowed: boolean;
  /** Every rule that allows the connection; empty when not isolated or denied. */
  readonly allowedBy: readonly RuleRef[];
  /**
   * Set when the side allows the peer whatever its rules say: the knob that exempts it
   * (`nodeIngress` / `egressToOwnNode`: the pod's own node; `hostNetworkPeers`).
   */
  readonly exemptBy?: string;
  /**
   * The tiers walked, in order, when the cluster has admin policies (absent otherwise): the
   * Admin tier, NetworkPolicy, the Baseline tier and the default, up to the one that decided.
   */
  readonly tiers?: readonly TierVerdict[];
}

/** An admin policy rule (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy). */
export interface AdminRuleRef {
  /** The kind the policy was written as, and its name (admin policies are cluster-scoped). */
  readonly policy: { readonly kind: string; readonly name: string };
  readonly tier: AdminTier;
  readonly priority: number;
  readonly direction: 'ingress' | 'egress';
  /** Index in `spec.ingress` / `spec.egress`. */
  readonly ruleIndex: number;
  /** The rule's `name`, when it has one. */
  readonly ruleName?: string;
  readonly action: AdminAction;
}

/**
 * What one tier decided for one side of a connection:
 * - `allow` / `deny`: the tier decided (an Accept or Deny rule, or an isolating NetworkPolicy);
 * - `pass`: a Pass rule sent the connection on to the next tier;
 * - `no-match`: no rule of the tier matched (or, for NetworkPolicy, none isolates the pod);
 *   on to the next tier.
 * The `Default` tier always allows.
 */
export interface TierVerdict {
  readonly tier: 'Admin' | 'NetworkPolicy' | 'Baseline' | 'Default';
  readonly decision: 'allow' | 'deny' | 'pass' | 'no-match';
  /** The admin rule that decided or passed (Admin and Baseline tiers). */
  readonly rule?: AdminRuleRef;
}

/**
 * Why a connection is allowed or denied: plain data, computed from the policies for this one
 * pair (independently of the matrices that answer {@link Engine.canReach}).
 */
export interface Explanation {
  readonly allowed: boolean;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly traffic: Required<Traffic>;
  /**
   * A Pod object talking to itself: always allowed, whatever the policies say. (A template
   * pod to itself means replica to replica, which the policies decide.)
   */
  readonly self: boolean;
  /** The source's egress side. */
  readonly egress: DirectionVerdict;
  /** The destination's ingress side. */
  readonly ingress: DirectionVerdict;
  /** The plugin-defined behaviours this answer assumed. */
  readonly assumptions: SemanticsOptions;
}

/** Pod-level answer for one port: `allowed(i, j)` says whether `pods[i]` reaches `pods[j]`. */
export interface ReachabilityMatrix {
  readonly traffic: Required<Traffic>;
  readonly pods: readonly PodRef[];
  allowed(from: number, to: number): boolean;
  /** The pods `pods[from]` reaches, as indexes into `pods`, ascending. */
  row(from: number): readonly number[];
  /**
   * The pods `pods[from]` reaches, as a bitset over `pods` (bit i = `pods[i]`). Pods of one
   * policy class share one row, computed once and copied out (the copy is the caller's): a
   * full matrix costs about pods²/8 bytes.
   */
  rowBits(from: number): Bitset;
  /** The indexes of the pods `pods[from]` reaches, ascending, read off {@link rowBits}. */
  reachable(from: number): Iterable<number>;
}

/**
 * {@link GroupMatrixRows} over groups of peers with identical rows and columns (the compact
 * `--encoding groups`): `rows` yields, per group, whether it reaches each group. Between two
 * peers of one group the answer is the group's diagonal.
 */
export interface GroupedMatrixRows {
  readonly traffic: Required<Traffic>;
  /** Peer names (pods or workloads) per group; every peer is in exactly one group. */
  readonly groups: readonly (readonly string[])[];
  readonly rows: Iterable<readonly boolean[]>;
  /**
   * The same rows as bitsets over the groups (bit j: reaches group j), when the producer has
   * them: cheaper to compute and to write than `boolean[]` rows. Each iteration computes them
   * again.
   */
  readonly bitRows?: Iterable<Bitset>;
}

/** A compiled cluster, ready to answer reachability questions. Get one from `compile`. */
export interface Engine {
  /** Every pod, sorted by namespace then name. */
  readonly pods: readonly PodRef[];
  /**
   * The cluster the engine answers about (after any {@link Engine.with} changes): names,
   * labels, owners, Services and pod IPs, for endpoint resolution.
   */
  readonly cluster: Cluster;
  /** The assumptions this engine was compiled with. */
  readonly options: SemanticsOptions;
  /** Counts that describe the compiled form (for benchmarks and `--verbose`). */
  readonly stats: EngineStats;

  /**
   * Whether `from` can open a connection to `to` on the given port and protocol.
   * @throws ReachError `unknown-pod` for a pod not in the cluster, `invalid-traffic` for a bad port
   */
  canReach(from: Endpoint, to: Endpoint, traffic: Traffic): boolean;
  /** Every port and protocol `from` may use to reach `to`. */
  connections(from: Endpoint, to: Endpoint): ConnectionSet;
  /** The pods `from` can reach on this port (itself included when it is a pod). */
  reachableFrom(from: Endpoint, traffic: Traffic): readonly PodRef[];
  /** The pods that can reach `to` on this port (itself included when it is a pod). */
  reachersOf(to: Endpoint, traffic: Traffic): readonly PodRef[];
  /** The pod-to-pod answer for one port. */
  matrix(traffic: Traffic): ReachabilityMatrix;
  /** Why `from` can or cannot reach `to` on this port. */
  explain(from: Endpoint, to: Endpoint, traffic: Traffic): Explanation;
  /** Whether a pod is isolated in a direction, and by which policies. */
  isolation(pod: PodRef, direction: 'ingress' | 'egress'): readonly PolicyRef[];
  /** Pods grouped as asked, in pod order. */
  groups(by: GroupBy): readonly WorkloadGroup[];
  /**
   * Every allowed connection between groups, and between groups and external address ranges.
   * A pair of groups is connected on a port when some pod of one reaches some pod of the other.
   */
  connectivity(by: GroupBy): Connectivity;
  /**
   * The connections of {@link Engine.connectivity}, in the same order, computed as they are
   * iterated: one source group at a time, so a caller can write them out without holding them.
   */
  eachConnection(by: GroupBy): Iterable<Connection>;
  /**
   * {@link Engine.eachConnection} over groups of peers with identical connections (the same
   * policy classes), as the compact `--encoding groups` of a ConnectivityList.
   */
  groupedConnections(by: GroupBy): GroupedConnections;
  /**
   * The connections of {@link Engine.connectivity} as rows of small set ids, computed one row at
   * a time on request: what `streamDiff` compares two engines with, row by row, without
   * holding every connection.
   */
  connectionRows(by: GroupBy): ConnectionRows;
  /** The group-level answer for one port. */
  groupMatrix(traffic: Traffic, by: GroupBy): GroupMatrix;
  /**
   * The rows of {@link Engine.groupMatrix}, computed as they are iterated (each iteration
   * computes them again), so a caller can write a matrix out without holding it.
   */
  groupMatrixRows(traffic: Traffic, by: GroupBy): GroupMatrixRows;
  /**
   * The answer of {@link Engine.groupMatrixRows} with peers of identical rows and columns
   * grouped (same policy classes; a bare Pod that reaches itself but not its class stays
   * alone), groups in order of their first peer. Rows are computed as they are iterated.
   */
  groupedMatrixRows(traffic: Traffic, by: GroupBy): GroupedMatrixRows;
  /**
   * The engine of the cluster after a change. When only pods change (the common case in
   * property tests: "whatever pod we add here..."), nothing is recompiled: answers between
   * unchanged pods stay the compiled ones, and answers involving a changed pod walk the
   * policies for that pair. Adding, changing or removing a policy, or relabelling an existing
   * namespace, compiles the changed cluster. To apply manifests, parse them first: the
   * top-level `withManifests(engine, { add, remove })` does both.
   *
   * @throws {@link ReachError} `invalid-change` when the change is malformed: a field other than
   *   `add`/`remove` (or than a cluster's lists in `add`), an object without its fields, a
   *   `remove` entry of a kind the model does not hold or without its namespace.
   */
  with(change: Change): Engine;
  /**
   * The external address ranges the policies tell apart (IP atoms), as `first-last` text,
   * IPv4 first. Every address in one range is treated alike.
   */
  addressRanges(): readonly AddressRange[];
  /**
   * For each of `others`, every port and protocol it may use with the targets of one endpoint
   * (`subject`: the pods or address ranges `who-can-reach` / `reachable-from` ask about), the
   * answers of the targets combined: `all` keeps the ports allowed with every target, `any`
   * the ports allowed with some target; no target gives none. The same answer as one
   * {@link Engine.connections} call per pair combined, computed in one batch per pod class and
   * address range, so thousands of address ranges times thousands of pods stay cheap.
   *
   * @param subject - the endpoint's targets
   * @param others - the peers to answer for (pods or addresses)
   * @param direction - `to`: each of `others` is the source, the targets the destinations;
   *   `from`: the targets are the sources
   * @param combine - `all` or `any`, as the composed query's `match`
   * @returns one connection set per entry of `others`, in order
   * @throws ReachError `unknown-pod` for a pod not in the cluster, `invalid-endpoint` for an
   *   address that does not parse
   */
  peerConnections(
    subject: readonly Endpoint[],
    others: readonly Endpoint[],
    direction: 'to' | 'from',
    combine: 'all' | 'any',
  ): readonly ConnectionSet[];
}

/**
 * A what-if change: model objects to apply (as `kubectl apply` would: the same kind, namespace
 * and name replaces; see the model's `addObjects`) and objects to delete.
 */
export interface Change {
  /** Pods, policies, namespaces, workloads and Services, as the model has them. */
  readonly add?: ClusterObjects;
  readonly remove?: readonly ObjectRef[];
}

/** How to group pods in whole-cluster answers: each pod alone, or by workload. */
export type GroupBy = 'pod' | 'workload';

/** One allowed connection between two peers (pod or workload names, or IP ranges). */
export interface Connection {
  readonly from: string;
  readonly to: string;
  readonly allowed: ConnectionSet;
}

/**
 * Every ordered pair of peers with some allowed connection: pods or workloads, plus external
 * address ranges (IP atoms) as `first-last`. Never a peer to itself, never address to address.
 */
export interface Connectivity {
  /** Pod or workload names, in order. */
  readonly peers: readonly string[];
  readonly connections: readonly Connection[];
}

/**
 * {@link Engine.connectivity} as rows of connection set ids, each row computed when asked for.
 * Peer `i` is `peers[i]`; address range `r` is `ranges[r]`. An id of -1 means nothing is
 * allowed; any other id is a set of {@link ConnectionRows.set}, the same id for equal sets.
 */
export interface ConnectionRows {
  /** Pod or workload names, in order (as {@link Engine.groups}). */
  readonly peers: readonly string[];
  /** The external address ranges, as {@link Engine.addressRanges}. */
  readonly ranges: readonly AddressRange[];
  /**
   * The allowed set of an id from a row.
   * @throws RangeError for an id no row gave
   */
  set(id: number): ConnectionSet;
  /**
   * What peer `from` may open to every peer (`peers.length` entries, -1 for itself) and then
   * to every address range (`ranges.length` entries).
   * @param into - an array of that length to fill and return instead of a new one
   */
  row(from: number, into?: Int32Array): Int32Array;
  /**
   * What address range `range` may open to every peer (`peers.length` entries).
   * @param into - an array of that length to fill and return instead of a new one
   */
  fromRange(range: number, into?: Int32Array): Int32Array;
  /** What every address range may open to peer `to` (`ranges.length` entries). */
  fromRanges(to: number): Int32Array;
}

/** Group-level answer for one port: `allowed[i][j]` whether `names[i]` reaches `names[j]`. */
export interface GroupMatrix {
  readonly traffic: Required<Traffic>;
  readonly names: readonly string[];
  /** `allowed[i][i]` is true for a bare Pod; for a workload it is replica to replica. */
  readonly allowed: readonly (readonly boolean[])[];
}

/** {@link GroupMatrix} with rows computed on demand: `rows` yields `allowed[i]` in order. */
export interface GroupMatrixRows {
  readonly traffic: Required<Traffic>;
  readonly names: readonly string[];
  readonly rows: Iterable<readonly boolean[]>;
  /**
   * The same rows as bitsets over `names` (bit j: reaches peer j), when the producer has them:
   * cheaper to compute and to write than `boolean[]` rows. Each iteration computes them again.
   */
  readonly bitRows?: Iterable<Bitset>;
}

/**
 * Connections over groups of peers: `from` and `to` are group indexes, or an address range's
 * `first-last` text. A connection from a group to itself holds between any two distinct peers
 * of it (a peer is never paired with itself). Computed as `connections` is iterated.
 */
export interface GroupedConnections {
  /** Peer names (pods or workloads) per group; every peer is in exactly one group. */
  readonly groups: readonly (readonly string[])[];
  readonly connections: Iterable<{
    readonly from: number | string;
    readonly to: number | string;
    readonly allowed: ConnectionSet;
  }>;
}

/** One IP atom. `first` is a representative address. */
export interface AddressRange {
  readonly family: 4 | 6;
  readonly first: string;
  readonly last: string;
  /** `first-last`. */
  readonly text: string;
}

/** Size of the compiled form. */
export interface EngineStats {
  readonly pods: number;
  readonly namespaces: number;
  readonly policies: number;
  readonly podClasses: number;
  readonly portClasses: number;
  readonly ipAtoms: number;
  /** Bytes held by the allowed rows of both directions and their index. */
  readonly matrixBytes: number;
  /** Distinct allowed sets (rows) of both directions, after deduplication. */
  readonly allowedSets?: number;
  /**
   * True when the rows would not fit the memory budget and are computed on demand (point and
   * row queries still answer; a point query then checks the few rules involved).
   */
  readonly lazy?: boolean;
}
