// What the network plugin sees, for the reference evaluator: the knobs of the chosen CNI
// profile applied pair by pair, each written out plainly (the compiled engine rewrites its
// input instead; the property tests hold the two to the same answers).

import type { AdminPolicy, Cluster, Pod, SemanticsOptions } from '../model/index.js';
import type { Knobs } from '../profiles/index.js';
import { knobsOf, profileSemantics } from '../profiles/index.js';
import type { Ip } from './ip.js';
import { parseIp } from './ip.js';

/** The knobs, and the addresses they are about. */
export interface PluginView {
  readonly options: SemanticsOptions;
  readonly knobs: Knobs;
  /** A pod's IPs as the plugin enforces them (address families; excluded host pods). */
  ipsOf(pod: Pod): readonly string[];
  /** Whether an address is some node's, or a host-network pod's (by its IPs as written). */
  isNodeAddress(ip: Ip): boolean;
  /** Whether an address is a (not host-network) pod's. */
  isPodAddress(ip: Ip): boolean;
  /** Whether an address is node `node`'s own: its Node addresses, its host-network pods' IPs. */
  isOwnNodeAddress(node: string, ip: Ip): boolean;
  /** Whether a pod is node traffic: host network, which policies do not select. */
  isNodeTraffic(pod: Pod): boolean;
  /** The cluster with only the admin policies the plugin implements (API version, cap). */
  readonly adminCluster: Cluster;
}

const key = (ip: Ip): string => `${ip.family}:${ip.value}`;

function keys(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    const ip = parseIp(text);
    if (ip !== undefined) out.add(key(ip));
  }
  return out;
}

/** The plugin view of a cluster under some options (a `cni` profile and explicit knobs). */
export function pluginView(cluster: Cluster, given?: Partial<SemanticsOptions>): PluginView {
  const options = profileSemantics(given);
  const knobs = knobsOf(options);
  const isNodeTraffic = (pod: Pod): boolean =>
    pod.hostNetwork && options.hostNetworkPods === 'node';
  const ipsOf = (pod: Pod): readonly string[] => {
    // Host-network pods excluded as peers: no ipBlock sees them.
    if (isNodeTraffic(pod) && knobs.hostNetworkPeers === 'excluded') return [];
    // IPv4 only: IPv6 addresses are not enforced. Single stack: the pod's first IP only.
    if (knobs.ipFamilies === 'ipv4') return pod.ips.filter((ip) => !ip.includes(':'));
    if (knobs.ipFamilies === 'single') return pod.ips.slice(0, 1);
    return pod.ips;
  };
  const nodeKeys = keys((cluster.nodes ?? []).flatMap((n) => n.addresses));
  for (const k of keys(cluster.pods.filter(isNodeTraffic).flatMap((p) => p.ips))) nodeKeys.add(k);
  const podKeys = keys(cluster.pods.filter((p) => !isNodeTraffic(p)).flatMap(ipsOf));
  const own = new Map<string, Set<string>>();
  for (const node of cluster.nodes ?? []) own.set(node.name, keys(node.addresses));
  for (const pod of cluster.pods) {
    if (pod.nodeName === undefined || !isNodeTraffic(pod)) continue;
    const set = own.get(pod.nodeName) ?? new Set();
    for (const k of keys(ipsOf(pod))) set.add(k);
    own.set(pod.nodeName, set);
  }
  // A plugin applies the admin policies of the API versions it implements, up to its priority
  // cap on the Admin tier.
  const implemented = (policy: AdminPolicy): boolean => {
    if (knobs.adminPolicies === 'none') return false;
    const version = policy.origin.endsWith('v1alpha1') ? 'v1alpha1' : 'v1alpha2';
    if (knobs.adminPolicies !== 'any' && knobs.adminPolicies !== version) return false;
    const cap = knobs.adminPriorityCap;
    return cap === undefined || policy.tier !== 'Admin' || policy.priority <= cap;
  };
  const adminCluster =
    cluster.adminPolicies === undefined
      ? cluster
      : { ...cluster, adminPolicies: cluster.adminPolicies.filter(implemented) };
  return {
    options,
    knobs,
    adminCluster,
    ipsOf,
    isNodeTraffic,
    isNodeAddress: (ip) => nodeKeys.has(key(ip)),
    isPodAddress: (ip) => podKeys.has(key(ip)),
    isOwnNodeAddress: (node, ip) => own.get(node)?.has(key(ip)) === true,
  };
}
