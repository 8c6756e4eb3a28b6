import type { Cluster, LabelSelector, Peer, PolicyRule } from '../model/index.js';
import { NAMESPACE_NAME_LABEL } from '../model/index.js';
import { formatIp, IpSet, isCidrError, maxIp, parseCidr } from '../net/index.js';
import type { IpBlockEntry, Pools } from './pools.js';
import { POOLS } from './pools.js';

/** Documentation addresses (RFC 5737, RFC 3849): outside every real cluster. */
const EXTERNAL = ['192.0.2.1', '2001:db8::1'];

function orDefault<T>(set: ReadonlySet<T>, fallback: readonly T[]): readonly T[] {
  return set.size > 0 ? [...set] : fallback;
}

function addSelector(selector: LabelSelector | undefined, keys: Set<string>, values: Set<string>) {
  if (selector === undefined) return;
  for (const [k, v] of selector.matchLabels) {
    keys.add(k);
    values.add(v);
  }
  for (const r of selector.matchExpressions) {
    keys.add(r.key);
    for (const v of r.values) values.add(v);
  }
}

/**
 * Addresses that tell an ipBlock's parts apart: the first address of the block outside its
 * exceptions, the first address of each exception, and the addresses just outside the block.
 */
function blockAddresses(block: IpBlockEntry, out: Set<string>): void {
  const parsed = parseCidr(block.cidr);
  if (isCidrError(parsed)) return;
  let inside = IpSet.cidr(parsed);
  for (const text of block.except) {
    const except = parseCidr(text);
    if (isCidrError(except)) continue;
    out.add(formatIp(except.family, except.first));
    inside = inside.difference(IpSet.cidr(except));
  }
  const first = inside.ranges(parsed.family)[0];
  if (first !== undefined) out.add(formatIp(parsed.family, first[0]));
  if (parsed.first > 0n) out.add(formatIp(parsed.family, parsed.first - 1n));
  if (parsed.last < maxIp(parsed.family)) out.add(formatIp(parsed.family, parsed.last + 1n));
}

/**
 * Pools drawn from a real cluster: its namespaces, the label keys and values its pods and
 * selectors use, its port names and numbers (range ends included), its pod IPs, its ipBlocks,
 * and addresses on both sides of every ipBlock boundary. Generators given these pools produce
 * objects that the cluster's own policies select, so properties about the cluster bite. A list
 * the cluster leaves empty falls back to {@link POOLS}.
 *
 * @param cluster - a parsed cluster.
 * @returns the cluster's vocabulary, as {@link Pools}.
 */
export function poolsOf(cluster: Cluster): Pools {
  const labelKeys = new Set<string>();
  const labelValues = new Set<string>();
  const nsKeys = new Set<string>();
  const nsValues = new Set<string>();
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  const podIps = new Set<string>();
  const ipBlocks = new Map<string, IpBlockEntry>();

  for (const ns of cluster.namespaces) {
    for (const [k, v] of ns.labels) {
      // The API server sets this one; a generated namespace must not write another value.
      if (k === NAMESPACE_NAME_LABEL) continue;
      nsKeys.add(k);
      nsValues.add(v);
    }
  }
  for (const pod of cluster.pods) {
    for (const [k, v] of pod.labels) {
      labelKeys.add(k);
      labelValues.add(v);
    }
    for (const port of pod.ports) {
      portNumbers.add(port.containerPort);
      if (port.name !== undefined) portNames.add(port.name);
    }
    for (const ip of pod.ips) podIps.add(ip);
  }
  const addPeer = (peer: Peer): void => {
    if (peer.kind === 'ipBlock') {
      ipBlocks.set(JSON.stringify(peer), { cidr: peer.cidr, except: peer.except });
      return;
    }
    addSelector(peer.podSelector, labelKeys, labelValues);
    addSelector(peer.namespaceSelector, nsKeys, nsValues);
  };
  const addRule = (rule: PolicyRule): void => {
    for (const peer of rule.peers ?? []) addPeer(peer);
    for (const port of rule.ports ?? []) {
      if (typeof port.port === 'string') portNames.add(port.port);
      else if (port.port !== undefined) portNumbers.add(port.port);
      if (port.endPort !== undefined) portNumbers.add(port.endPort);
    }
  };
  for (const policy of cluster.policies) {
    addSelector(policy.podSelector, labelKeys, labelValues);
    for (const rule of [...policy.ingress, ...policy.egress]) addRule(rule);
  }
  nsKeys.delete(NAMESPACE_NAME_LABEL);

  const addresses = new Set<string>(podIps);
  for (const block of ipBlocks.values()) blockAddresses(block, addresses);
  for (const a of EXTERNAL) addresses.add(a);

  return {
    namespaces: orDefault(new Set(cluster.namespaces.map((n) => n.name)), POOLS.namespaces),
    labelKeys: orDefault(labelKeys, POOLS.labelKeys),
    labelValues: orDefault(labelValues, POOLS.labelValues),
    namespaceLabelKeys: orDefault(nsKeys, POOLS.namespaceLabelKeys),
    namespaceLabelValues: orDefault(nsValues, POOLS.namespaceLabelValues),
    portNames: orDefault(portNames, POOLS.portNames),
    portNumbers: portNumbers.size > 0 ? [...portNumbers].sort((a, b) => a - b) : POOLS.portNumbers,
    podIps: [...podIps],
    addresses: [...addresses],
    ipBlocks: [...ipBlocks.values()],
  };
}
