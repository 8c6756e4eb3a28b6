import type { Cluster, Node } from '../model/index.js';
import { editDistance, suggestionLimit } from './close-matches.js';
import type { Resolved } from './endpoint-names.js';
import { failure, success } from './endpoint-names.js';
import type { NodeEndpointSpec } from './parse-endpoint.js';
import { resolveObject } from './resolve-object.js';
import type { EndpointTarget } from './resolved-endpoint.js';

/** `node/worker-1`. */
export function nodeName(node: Pick<Node, 'name'>): string {
  return `node/${node.name}`;
}

/** One address of a node as a target: asked about as the address, shown with the node. */
export function nodeTarget(node: Node, address: string): EndpointTarget {
  return { endpoint: { address }, name: `${nodeName(node)} (${address})`, node: node.name };
}

/**
 * `node/NAME`: the node's addresses (from its Node object's `status.addresses`, or for a node
 * only pods name, their `status.hostIPs`), each an address target that knows its node. When the
 * cluster has no such node but has a namespace called like the prefix and a pod or workload
 * `web` in it (`node/web`), the text names that, as `deploy/web` can.
 */
export function resolveNode(
  cluster: Cluster,
  spec: NodeEndpointSpec,
  defaultNamespace: string,
): Resolved {
  const nodes = cluster.nodes ?? [];
  const node = nodes.find((n) => n.name === spec.name);
  if (node === undefined) {
    if (cluster.namespaces.some((ns) => ns.name === spec.alternativeNamespace)) {
      const object = {
        kind: 'object',
        namespace: spec.alternativeNamespace,
        name: spec.name,
      } as const;
      const resolved = resolveObject(cluster, object, defaultNamespace);
      if (resolved.ok) return resolved;
    }
    return failure(
      'unknown-name',
      nodes.length === 0
        ? `no node ${spec.name}: the input has no Node objects and no pod names a node (spec.nodeName)`
        : `no node ${spec.name}`,
      'did you mean one of these?',
      closeNodeNames(nodes, spec.name),
    );
  }
  if (node.addresses.length === 0) {
    return failure(
      'no-addresses',
      `${nodeName(node)} has no known address: ${
        node.synthesized
          ? 'no Node object declares it and its pods report no status.hostIPs'
          : 'its Node object has no InternalIP or ExternalIP in status.addresses'
      }`,
    );
  }
  return success({
    name: nodeName(node),
    kind: 'node',
    targets: node.addresses.map((address) => nodeTarget(node, address)),
    notes: node.synthesized
      ? [`${nodeName(node)} has no Node object; its addresses are the host IPs its pods report`]
      : [],
  });
}

/** Up to ten node names close to `name`: same name in another case, a prefix, or a few edits. */
function closeNodeNames(nodes: readonly Node[], name: string): string[] {
  const limit = suggestionLimit(name);
  const scored: { score: number; display: string }[] = [];
  for (const node of nodes) {
    const lower = node.name.toLowerCase();
    let score: number | undefined;
    if (lower === name.toLowerCase()) score = 0;
    else if (lower.startsWith(name.toLowerCase()) || name.toLowerCase().startsWith(lower))
      score = 1;
    else {
      const distance = editDistance(lower, name.toLowerCase(), limit);
      if (distance <= limit) score = 1 + distance;
    }
    if (score !== undefined) scored.push({ score, display: nodeName(node) });
  }
  scored.sort(
    (a, b) => a.score - b.score || (a.display < b.display ? -1 : a.display > b.display ? 1 : 0),
  );
  return scored.slice(0, 10).map((s) => s.display);
}
