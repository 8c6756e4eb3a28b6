// Own-node traffic. The API reference: "traffic to and from the node where a Pod is running is
// always allowed, regardless of the IP address of the Pod or the node"; plugins differ (the
// nodeIngress, egressToOwnNode and hostNetworkPeers knobs). The exemption depends on the pair
// (is the peer this pod's own node?), so classes are told apart by node where it matters, node
// addresses get atoms of their own, and each direction keeps the (class, column) pairs that a
// policy cannot deny.

import type { Cluster, Pod } from '../model/index.js';
import type { Knobs } from '../profiles/index.js';
import type { IpBlock } from './pod-address-atoms.js';

/** The nodes that own-node traffic is told apart for, and their addresses. */
export interface NodePlan {
  /** Whether any knob exempts own-node or host-network traffic. */
  readonly active: boolean;
  /** The node name of each pod (by pod index) whose own-node traffic is exempt, else ''. */
  readonly nodeKey: (index: number) => string;
  /** Each node's addresses: its own, plus the IPs of host-network pods on it. */
  readonly addresses: ReadonlyMap<string, readonly string[]>;
  /** /32 and /128 blocks that give every node address an atom of its own. */
  readonly blocks: readonly IpBlock[];
}

/** Whether some knob makes own-node or host-network traffic exempt from policy. */
export function ownNodeActive(knobs: Knobs): boolean {
  return (
    knobs.nodeIngress !== 'policed' ||
    knobs.egressToOwnNode === 'always' ||
    knobs.hostNetworkPeers === 'allowed'
  );
}

/**
 * Each node's addresses: those of its Node object (or synthesized node), plus the IPs of
 * host-network pods on it (node traffic), which are the node's own traffic.
 */
function nodeAddressMap(
  nodes: Cluster['nodes'],
  pods: readonly Pod[],
  nodeTraffic: Uint8Array,
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (node: string, ip: string): void => {
    const list = map.get(node) ?? [];
    if (!list.includes(ip)) list.push(ip);
    map.set(node, list);
  };
  for (const node of nodes ?? []) {
    if (!map.has(node.name)) map.set(node.name, []);
    for (const ip of node.addresses) add(node.name, ip);
  }
  pods.forEach((pod, i) => {
    if (pod.nodeName !== undefined && nodeTraffic[i] === 1) {
      for (const ip of pod.ips) add(pod.nodeName, ip);
    }
  });
  return map;
}

/**
 * Plans the node split: pods on a node that has own traffic (addresses or host-network pods)
 * are told apart by node; every node address becomes a block of its own.
 */
export function planNodes(
  pods: readonly Pod[],
  nodeTraffic: Uint8Array,
  cluster: Cluster,
  knobs: Knobs,
): NodePlan {
  const active = ownNodeActive(knobs);
  if (!active) return { active, nodeKey: () => '', addresses: new Map(), blocks: [] };
  const addresses = nodeAddressMap(cluster.nodes, pods, nodeTraffic);
  const hostNodes = new Set<string>();
  pods.forEach((pod, i) => {
    if (nodeTraffic[i] === 1 && pod.nodeName !== undefined) hostNodes.add(pod.nodeName);
  });
  const busy = (node: string): boolean =>
    hostNodes.has(node) || (addresses.get(node)?.length ?? 0) > 0;
  const nodeKey = (i: number): string => {
    const node = pods[i]?.nodeName;
    return node !== undefined && busy(node) ? node : '';
  };
  const blocks: IpBlock[] = [];
  for (const list of addresses.values()) {
    for (const ip of list)
      blocks.push({ cidr: `${ip}/${ip.includes(':') ? 128 : 32}`, except: [] });
  }
  return { active, nodeKey, addresses, blocks };
}

/** The (class, column) pairs of one direction that policies cannot deny. */
export class Exemptions {
  private readonly columnsOf = new Map<number, number[]>();
  private readonly classesOf = new Map<number, number[]>();

  /** Records that class `cls` always admits `column` in this direction. */
  add(cls: number, column: number): void {
    const columns = this.columnsOf.get(cls) ?? [];
    if (columns.includes(column)) return;
    columns.push(column);
    this.columnsOf.set(cls, columns);
    const classes = this.classesOf.get(column) ?? [];
    classes.push(cls);
    this.classesOf.set(column, classes);
  }

  get size(): number {
    return this.columnsOf.size;
  }

  has(cls: number, column: number): boolean {
    return this.columnsOf.get(cls)?.includes(column) === true;
  }

  /** The columns class `cls` always admits. */
  columns(cls: number): readonly number[] {
    return this.columnsOf.get(cls) ?? [];
  }

  /** The classes that always admit `column`. */
  classes(column: number): readonly number[] {
    return this.classesOf.get(column) ?? [];
  }
}

/** What building the exemptions reads: the classes, their pods and the address atoms. */
export interface ExemptionInput {
  readonly knobs: Knobs;
  readonly plan: NodePlan;
  readonly nodeTraffic: Uint8Array;
  readonly representative: Int32Array;
  readonly classCount: number;
  readonly atomOf: (ip: string) => number;
}

/** The exemptions of both directions. */
export function buildExemptions(input: ExemptionInput): {
  readonly ingress: Exemptions;
  readonly egress: Exemptions;
} {
  const ingress = new Exemptions();
  const egress = new Exemptions();
  const { knobs, plan, nodeTraffic, representative, classCount } = input;
  if (!plan.active) return { ingress, egress };
  // The columns of each node: its host-network classes and the atoms of its addresses.
  const nodeColumns = new Map<string, number[]>();
  const hostClasses: number[] = [];
  const podClasses: { readonly cls: number; readonly node: string }[] = [];
  for (let c = 0; c < classCount; c++) {
    const i = representative[c] ?? 0;
    const node = plan.nodeKey(i);
    if (nodeTraffic[i] === 1) {
      hostClasses.push(c);
      if (node !== '') nodeColumns.set(node, [...(nodeColumns.get(node) ?? []), c]);
    } else {
      podClasses.push({ cls: c, node });
    }
  }
  for (const [node, ips] of plan.addresses) {
    const list = nodeColumns.get(node) ?? [];
    for (const ip of ips) {
      const atom = input.atomOf(ip);
      if (atom >= 0 && !list.includes(classCount + atom)) list.push(classCount + atom);
    }
    nodeColumns.set(node, list);
  }
  for (const { cls, node } of podClasses) {
    const own = node === '' ? [] : (nodeColumns.get(node) ?? []);
    if (knobs.nodeIngress !== 'policed') for (const col of own) ingress.add(cls, col);
    if (knobs.egressToOwnNode === 'always') for (const col of own) egress.add(cls, col);
    if (knobs.hostNetworkPeers === 'allowed') {
      for (const col of hostClasses) {
        ingress.add(cls, col);
        egress.add(cls, col);
      }
    }
  }
  return { ingress, egress };
}
