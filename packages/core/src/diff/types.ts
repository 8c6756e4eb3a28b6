import type { Cluster, ConnectionSet } from '../model/index.js';
import type { Connection, GroupBy } from '../query/index.js';

/** A pair of peers allowed something before and after, but not the same thing. */
export interface ConnectionChange {
  readonly from: string;
  readonly to: string;
  readonly before: ConnectionSet;
  readonly after: ConnectionSet;
  /** Allowed after, not before. */
  readonly gained: ConnectionSet;
  /** Allowed before, not after. */
  readonly lost: ConnectionSet;
}

/** A pod or workload that became, or stopped being, isolated in a direction. */
export interface IsolationChange {
  /** The pod or workload, named as in `connectivity`. */
  readonly peer: string;
  readonly direction: 'ingress' | 'egress';
  /** Every pod of the peer was isolated in this direction before. */
  readonly before: boolean;
  readonly after: boolean;
}

/**
 * What changed between two compiled clusters, as connectivity. Peers are pods or workloads
 * (`namespace/kind/name`) and external address ranges, cut at the ipBlock boundaries of both
 * sides and merged back where the change is the same; a range prints as a CIDR when it is
 * one (`0.0.0.0/0`), else as `first-last`.
 */
export interface ConnectivityDiff {
  readonly by: GroupBy;
  /** Pairs with some allowed connection after and none before (`allowed` is the after set). */
  readonly added: readonly Connection[];
  /** Pairs with some allowed connection before and none after (`allowed` is the before set). */
  readonly removed: readonly Connection[];
  readonly changed: readonly ConnectionChange[];
  /** Peers on both sides whose isolation changed. */
  readonly isolation: readonly IsolationChange[];
  /** Pods or workloads present on one side only. */
  readonly peers: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

/** Options of `diff`. */
export interface DiffOptions {
  /** Compare pods one by one, or workloads (the default). */
  readonly by?: GroupBy;
  /**
   * The clusters the two engines were compiled from. With them only pods whose own attributes
   * or selecting policies changed are evaluated again (exactly: everything else provably
   * allows the same); without them both sides are enumerated in full.
   */
  readonly clusters?: { readonly before: Cluster; readonly after: Cluster };
}
