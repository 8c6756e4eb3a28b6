import type { ConnectionSet, Protocol } from '../model/index.js';
import type { DirectionVerdict } from '../query/index.js';

/** Restricts the hops of a path to some ports; absent `port` means every port of the protocol. */
export interface PortFilter {
  /** Absent: every protocol. */
  readonly protocol?: Protocol;
  readonly port?: number;
  /** With `port`: the last port of an inclusive range. */
  readonly endPort?: number;
}

/** Which connections count as a hop. */
export interface HopOptions {
  /**
   * Count a hop whatever the destination listens on. By default a hop to a pod counts only on a
   * port it listens on: a container port, or the numeric `targetPort` of a Service selecting it.
   */
  readonly anyPort?: boolean;
  /** Only hops on these ports count (absent: every port). */
  readonly ports?: readonly PortFilter[];
}

/** What every analysis takes: the hop rule and a bound on the number of hops. */
export interface PathOptions extends HopOptions {
  /** The longest chain followed (absent: no bound). */
  readonly maxHops?: number;
  /**
   * Explain every hop of the witness paths with the rules that allow it (default true; each
   * explanation walks the policies of one pair, so a blast radius over thousands of groups
   * is faster without).
   */
  readonly explain?: boolean;
}

/** One endpoint of a path: a pod (or workload template pod), or an external address range. */
export interface PathStep {
  readonly kind: 'pod' | 'address';
  /** The example: a pod's `namespace/name`, or an address range's `first-last`. */
  readonly name: string;
  /**
   * How many endpoints stand where the example stands: they have the same policies, listen on the
   * same ports and are as far from the source, so any of them makes the same path.
   */
  readonly alike: number;
  /** Up to three of them, the example first. */
  readonly examples: readonly string[];
}

/** One hop of a witness path, between the examples of two steps. */
export interface PathHop {
  readonly from: string;
  readonly to: string;
  /** The port the explanation is for: the lowest the hop may use. */
  readonly protocol: Protocol;
  readonly port: number;
  /** Every port the hop may use (allowed, listened on, and within the port filter). */
  readonly ports: ConnectionSet;
  /** Why the source's side lets the connection out (`engine.explain`); absent with `explain: false`. */
  readonly egress?: DirectionVerdict;
  /** Why the destination's side lets it in; absent with `explain: false`. */
  readonly ingress?: DirectionVerdict;
}

/** A chain of hops: `steps.length === hops.length + 1`. */
export interface WitnessPath {
  readonly steps: readonly PathStep[];
  readonly hops: readonly PathHop[];
}

/** The answer of {@link paths}. */
export interface PathsResult {
  readonly from: string;
  readonly to: string;
  readonly maxHops: number | null;
  /** The fewest hops from `from` to `to`, or null when no path (within `maxHops`) exists. */
  readonly distance: number | null;
  /** Up to k shortest paths, shortest first (no two through the same endpoint groups). */
  readonly paths: readonly WitnessPath[];
}

/** Endpoints first reached at the same distance through the same kind of endpoint. */
export interface ReachedEndpoints {
  readonly kind: 'pod' | 'address';
  /** Pod names or address ranges, sorted. */
  readonly endpoints: readonly string[];
  readonly distance: number;
  /** A shortest path to the first of them. */
  readonly path: WitnessPath;
}

/** The answer of {@link blastRadius}. */
export interface BlastRadiusResult {
  readonly from: string;
  readonly maxHops: number | null;
  /** Every endpoint reachable from `from` (but `from` itself), nearest first. */
  readonly reached: readonly ReachedEndpoints[];
  /** Reached pods and address ranges per distance: `byDistance[d - 1]` for d hops. */
  readonly byDistance: readonly { readonly pods: number; readonly addresses: number }[];
}

/** A workload (or bare pod) some pod of which is reachable from outside. */
export interface ExposedWorkload {
  /** `namespace/kind/name`, or `namespace/name` for a bare pod. */
  readonly workload: string;
  readonly distance: number;
  /** How many of its pods are reachable. */
  readonly pods: number;
  readonly path: WitnessPath;
}

/** How one target of {@link exposure} is reached from outside. */
export interface TargetExposure {
  readonly target: string;
  /** The fewest hops, or null when it is not reachable (within `maxHops`). */
  readonly distance: number | null;
  readonly path: WitnessPath | null;
}

/** The answer of {@link exposure}. */
export interface ExposureResult {
  readonly from: string;
  readonly maxHops: number | null;
  /** Reachable workloads, nearest first. */
  readonly exposed: readonly ExposedWorkload[];
  readonly targets: readonly TargetExposure[];
}

/** A strongly connected set of pods: every pod reaches every other, in one hop or more. */
export interface Segment {
  /** Number of pods. */
  readonly size: number;
  /** Every pod reaches every other in one hop. */
  readonly flat: boolean;
  readonly namespaces: readonly string[];
  /** The ports of the hops inside the segment. */
  readonly ports: ConnectionSet;
  /** The pods, sorted. */
  readonly pods: readonly string[];
}

/** The answer of {@link segments}: largest first. */
export interface SegmentsResult {
  readonly segments: readonly Segment[];
  /** Size of the graph the answers were computed on. */
  readonly graph: GraphStats;
}

/** Size of a reach graph. */
export interface GraphStats {
  /** Groups of pods (same policy class, same listening ports) plus address ranges. */
  readonly nodes: number;
  readonly edges: number;
}
