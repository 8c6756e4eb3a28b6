import type { AdminPolicy, Cluster, PortRange, Protocol } from '../model/index.js';
import { PROTOCOLS } from '../model/index.js';
import type { IpBlock } from './pod-address-atoms.js';
import { namedPortKey } from './pod-classes.js';

/**
 * What the earlier stages must know of the admin policies before pods are grouped and ports
 * cut: the addresses they name (so IP atoms are cut there), the port numbers and names they use.
 */
export interface AdminInput {
  /** The admin policies in evaluation order: Admin tier, then Baseline; priority, then name. */
  readonly policies: readonly AdminPolicy[];
  /** Every `networks` CIDR and every Node address (as a one-address CIDR). */
  readonly blocks: readonly IpBlock[];
  /** Named-port keys ({@link namedPortKey}) for every name a rule uses, under each protocol. */
  readonly namedKeys: ReadonlySet<string>;
  /** The numeric ranges rules use, per protocol. */
  readonly ranges: ReadonlyMap<Protocol, readonly PortRange[]>;
}

/** The order of evaluation within a tier: ascending priority, then name (the tie-break). */
function evaluationOrder(a: AdminPolicy, b: AdminPolicy): number {
  const tier = (p: AdminPolicy): number => (p.tier === 'Admin' ? 0 : 1);
  return (
    tier(a) - tier(b) ||
    a.priority - b.priority ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0)
  );
}

/**
 * Collects the admin input of a cluster; undefined when it has no admin policy (the engine is
 * then the NetworkPolicy engine alone).
 * @param cluster - the parsed cluster
 */
export function collectAdminInput(cluster: Cluster): AdminInput | undefined {
  const policies = [...(cluster.adminPolicies ?? [])].sort(evaluationOrder);
  if (policies.length === 0) return undefined;
  const blocks = new Map<string, IpBlock>();
  const namedKeys = new Set<string>();
  const ranges = new Map<Protocol, PortRange[]>();
  let nodesPeer = false;
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        if (peer.kind === 'networks') {
          for (const cidr of peer.cidrs) blocks.set(cidr, { cidr, except: [] });
        } else if (peer.kind === 'nodes') {
          nodesPeer = true;
        }
      }
      for (const port of rule.ports ?? []) {
        if (port.kind === 'named') {
          // A named port means the container port of that name whatever its protocol.
          for (const protocol of PROTOCOLS) namedKeys.add(namedPortKey(port.name, protocol));
        } else {
          const list = ranges.get(port.protocol) ?? [];
          list.push([port.first, port.last]);
          ranges.set(port.protocol, list);
        }
      }
    }
  }
  if (nodesPeer) {
    for (const node of cluster.nodes ?? []) {
      for (const address of node.addresses) {
        const cidr = `${address}/${address.includes(':') ? 128 : 32}`;
        blocks.set(cidr, { cidr, except: [] });
      }
    }
  }
  return { policies, blocks: [...blocks.values()], namedKeys, ranges };
}
