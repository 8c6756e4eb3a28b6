import type { ConnectionSet, SemanticsOptions } from '../model/index.js';

/**
 * Everything the report page shows that is not computed in the page: counts, the pod groups
 * the heatmap is summed over, the workload graph with its layout, lint findings and the
 * diff. Reachability answers for a pair are not here: the page compiles {@link cluster} and
 * asks the engine, as the CLI does.
 */
export interface ReportData {
  /** The page title and heading: what was read. */
  readonly source: string;
  /** The plugin behaviours assumed (`ipBlockMatchesPods=true, hostNetworkPods=node`). */
  readonly profile: string;
  readonly semantics: SemanticsOptions;
  /** The namespace of endpoints that name none (the CLI's `-n`). */
  readonly defaultNamespace: string;
  readonly summary: ReportSummary;
  /** Namespaces, sorted; indexes below refer to this list. */
  readonly namespaces: readonly string[];
  /** Distinct connection sets; edges refer to them by index. */
  readonly portSets: readonly ConnectionSet[];
  /**
   * Pods grouped by identical connections; per group, `[namespace index, pods]` pairs. Every
   * pod of a group allows the same, so heatmap counts are sums over groups.
   */
  readonly podGroups: readonly (readonly (readonly [number, number])[])[];
  /**
   * `[from group, to group, port set]`: every pod of one reaches every pod of the other (two
   * distinct pods, for a group to itself) on that set.
   */
  readonly podGroupEdges: readonly (readonly [number, number, number])[];
  /** Workloads (or bare pods) and `external`, with their graph positions. */
  readonly nodes: readonly GraphNode[];
  /** `[from node, to node, port set]`. */
  readonly edges: readonly (readonly [number, number, number])[];
  readonly findings: readonly ReportFinding[];
  readonly policies: readonly ReportPolicy[];
  readonly diff?: ReportDiff;
  /** The cluster, encoded by `encodeCluster`; the page compiles it for the query panel. */
  readonly cluster: EncodedCluster;
}

/** The summary's counts. */
export interface ReportSummary {
  readonly namespaces: number;
  readonly pods: number;
  readonly workloads: number;
  readonly policies: number;
  readonly isolatedIngress: number;
  readonly isolatedEgress: number;
  /** Pods no policy selects in either direction. */
  readonly unselected: number;
}

/** A node of the workload graph. `namespace` is -1 for `external`. */
export interface GraphNode {
  readonly name: string;
  readonly namespace: number;
  readonly pods: number;
  readonly x: number;
  readonly y: number;
}

/** A lint finding as the page lists it; `anchor` is the id of its object in the page. */
export interface ReportFinding {
  readonly severity: string;
  readonly code: string;
  readonly object: string;
  readonly anchor: string;
  readonly message: string;
}

/** A NetworkPolicy, listed so findings can link to it. */
export interface ReportPolicy {
  readonly name: string;
  readonly anchor: string;
  readonly file?: string;
}

/** One line of the diff: a pair and its port sets as text. */
export interface ReportDiffEntry {
  readonly from: string;
  readonly to: string;
  readonly ports: string;
}

/** `reach diff`'s changes, by workload, against the base the report was given. */
export interface ReportDiff {
  readonly base: string;
  readonly added: readonly ReportDiffEntry[];
  readonly removed: readonly ReportDiffEntry[];
  readonly changed: readonly ReportDiffEntry[];
}

/** A cluster as JSON: label maps interned in `maps`, referenced as `{ "$m": index }`. */
export interface EncodedCluster {
  readonly maps: readonly (readonly (readonly [string, string])[])[];
  readonly cluster: unknown;
}

/** The id of an object's entry in the page, for links. */
export function anchorOf(kind: string, name: string): string {
  return `obj-${kind}-${name}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
