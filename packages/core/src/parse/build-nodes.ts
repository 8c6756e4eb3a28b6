import type { Node, Pod } from '../model/index.js';
import type { DecodedNode } from './decode-node.js';
import { compareIps } from './decode-node.js';

/** What {@link buildNodes} gives: the nodes, and the pods with host-network IPs filled in. */
export interface BuiltNodes {
  readonly nodes: Node[];
  readonly pods: Pod[];
}

/**
 * Completes the node list and the IPs of host-network pods:
 *
 * - every `spec.nodeName` that no Node object declares becomes a Node with `synthesized: true`,
 *   no labels, and as addresses the `status.hostIPs` its pods report;
 * - a host-network pod shares its node's network namespace, so one with no IP of its own takes
 *   its node's host IPs (a Node's `InternalIP` addresses, else its `ExternalIP` ones; for a
 *   synthesized node, the host IPs its pods report), when known.
 *
 * @param declared - the Node objects, one per name.
 * @param pods - every pod kept, with the host IPs their status reports (empty for templates).
 * @returns the nodes sorted by name, and the pods in the order given.
 */
export function buildNodes(
  declared: readonly DecodedNode[],
  pods: readonly { readonly pod: Pod; readonly hostIps: readonly string[] }[],
): BuiltNodes {
  const hostIps = new Map<string, readonly string[]>();
  const nodes: Node[] = [];
  for (const entry of declared) {
    nodes.push(entry.node);
    hostIps.set(entry.node.name, entry.hostIps);
  }
  const inferred = new Map<string, Set<string>>();
  for (const { pod, hostIps: reported } of pods) {
    const name = pod.nodeName;
    if (name === undefined || hostIps.has(name)) continue;
    const ips = inferred.get(name) ?? new Set<string>();
    for (const ip of reported) ips.add(ip);
    inferred.set(name, ips);
  }
  for (const [name, ips] of inferred) {
    const addresses = [...ips].sort(compareIps);
    nodes.push({ name, labels: new Map(), addresses, synthesized: true });
    hostIps.set(name, addresses);
  }
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const filled = pods.map(({ pod }) => {
    if (!pod.hostNetwork || pod.ips.length > 0 || pod.nodeName === undefined) return pod;
    const ips = hostIps.get(pod.nodeName) ?? [];
    return ips.length === 0 ? pod : { ...pod, ips: [...ips] };
  });
  return { nodes, pods: filled };
}
