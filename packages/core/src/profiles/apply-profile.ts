// Most knobs are pure rewrites of the input: a plugin that ignores endPort sees a policy without
// it; a plugin that does not enforce SCTP sees SCTP port entries that match nothing. The engine
// compiles the rewritten cluster, so it needs no knowledge of these knobs; the reference
// evaluator implements each knob directly instead, which keeps the two independent.

import type {
  AdminPolicy,
  Cluster,
  NetworkPolicy,
  Peer,
  Pod,
  PolicyRule,
  PortSpec,
} from '../model/index.js';
import { formatIp, IpSet, parseIp } from '../net/index.js';
import type { Knobs } from './knobs.js';

/** A peer that matches nothing: a CIDR whose one address is also its exception. */
export const NO_PEER: Peer = Object.freeze({
  kind: 'ipBlock',
  cidr: '0.0.0.0/32',
  except: Object.freeze(['0.0.0.0/32']),
});

/** A rule that admits nothing, in place of one whose every port entry the plugin drops. */
const NOTHING: PolicyRule = Object.freeze({ peers: Object.freeze([NO_PEER]) });

/**
 * The cluster as a plugin with these knobs enforces it. Rule positions are kept (a rule the
 * plugin cannot enforce at all becomes one that admits nothing), so explanations name the rules
 * the user wrote; `namedPortsInEgress: 'pod-peers-only'` appends the split-off ipBlock part of
 * a rule after the policy's own rules.
 *
 * @param nodeTraffic - whether a pod is node traffic (host network, not selected by policies)
 */
export function applyProfile(
  cluster: Cluster,
  knobs: Knobs,
  nodeTraffic: (pod: Pod) => boolean,
): Cluster {
  if (!knobs.enforcesNetworkPolicy) return { ...cluster, policies: [], adminPolicies: [] };
  if (enforcesAsWritten(knobs)) return cluster;
  const pods = cluster.pods.map((pod) => rewritePod(pod, knobs, nodeTraffic(pod)));
  const nodeIps = knobs.ipBlockMatchesNodes ? [] : nodeAddresses(cluster, nodeTraffic);
  const podIps =
    knobs.ipBlockMatchesPods === 'egress-only'
      ? pods.filter((pod) => !nodeTraffic(pod)).flatMap((pod) => pod.ips)
      : [];
  const policies = cluster.policies.map((policy) => rewritePolicy(policy, knobs, nodeIps, podIps));
  const adminPolicies = cluster.adminPolicies?.filter((policy) => adminApplies(policy, knobs));
  return {
    ...cluster,
    pods,
    policies,
    ...(adminPolicies === undefined ? {} : { adminPolicies }),
  };
}

/** Whether no rewriting knob departs from the API: the input is enforced as written. */
function enforcesAsWritten(knobs: Knobs): boolean {
  return (
    knobs.ipBlockMatchesPods !== 'egress-only' &&
    knobs.ipBlockMatchesNodes &&
    knobs.hostNetworkPeers !== 'excluded' &&
    knobs.endPort === 'supported' &&
    knobs.sctp &&
    knobs.namedPortsInEgress === 'supported' &&
    knobs.ipFamilies === 'dual' &&
    knobs.adminPolicies === 'any' &&
    knobs.adminPriorityCap === undefined
  );
}

/** Whether a plugin implements the API an admin policy was written in, within its cap. */
export function adminApplies(policy: AdminPolicy, knobs: Knobs): boolean {
  if (knobs.adminPolicies === 'none') return false;
  const version = policy.origin.endsWith('v1alpha1') ? 'v1alpha1' : 'v1alpha2';
  if (knobs.adminPolicies !== 'any' && knobs.adminPolicies !== version) return false;
  const cap = knobs.adminPriorityCap;
  return cap === undefined || policy.tier !== 'Admin' || policy.priority <= cap;
}

function rewritePod(pod: Pod, knobs: Knobs, node: boolean): Pod {
  let ips = pod.ips;
  if (knobs.ipFamilies === 'ipv4') ips = ips.filter((ip) => !ip.includes(':'));
  if (knobs.ipFamilies === 'single') ips = ips.slice(0, 1);
  // Host-network pods excluded as peers: no ipBlock can match them.
  if (node && knobs.hostNetworkPeers === 'excluded') ips = [];
  return ips === pod.ips ? pod : { ...pod, ips };
}

/** The addresses of nodes and of node traffic (host-network pods), each as a /32 or /128. */
function nodeAddresses(cluster: Cluster, nodeTraffic: (pod: Pod) => boolean): string[] {
  const addresses = new Set<string>();
  for (const node of cluster.nodes ?? []) for (const ip of node.addresses) addresses.add(ip);
  for (const pod of cluster.pods) if (nodeTraffic(pod)) for (const ip of pod.ips) addresses.add(ip);
  return [...addresses];
}

function rewritePolicy(
  policy: NetworkPolicy,
  knobs: Knobs,
  nodeIps: readonly string[],
  podIps: readonly string[],
): NetworkPolicy {
  const ingress = policy.ingress.map((rule) => rewriteRule(rule, knobs, [...nodeIps, ...podIps]));
  const egress: PolicyRule[] = [];
  const appended: PolicyRule[] = [];
  for (const rule of policy.egress) {
    const named = rule.ports?.some((p) => typeof p.port === 'string') === true;
    const blocks = rule.peers?.filter((p) => p.kind === 'ipBlock') ?? [];
    if (knobs.namedPortsInEgress === 'pod-peers-only' && named && blocks.length > 0) {
      // Named ports resolve for selector peers only: the ipBlock peers keep the numbered ports.
      const selectors = rule.peers?.filter((p) => p.kind === 'pods') ?? [];
      const numbered = rule.ports?.filter((p) => typeof p.port !== 'string') ?? [];
      egress.push(
        rewriteRule(
          { ...rule, peers: selectors.length > 0 ? selectors : [NO_PEER] },
          knobs,
          nodeIps,
        ),
      );
      if (numbered.length > 0)
        appended.push(rewriteRule({ peers: blocks, ports: numbered }, knobs, nodeIps));
      continue;
    }
    egress.push(rewriteRule(rule, knobs, nodeIps, knobs.namedPortsInEgress === 'unsupported'));
  }
  return { ...policy, ingress, egress: [...egress, ...appended] };
}

function rewriteRule(
  rule: PolicyRule,
  knobs: Knobs,
  notMatched: readonly string[],
  dropNamed = false,
): PolicyRule {
  let ports = rule.ports;
  if (ports !== undefined && ports.length > 0) {
    const kept = ports.flatMap((spec) => rewritePort(spec, knobs, dropNamed));
    // Every entry dropped: the rule admits nothing (an empty list would mean every port).
    if (kept.length === 0) return NOTHING;
    ports = kept;
  }
  let peers = rule.peers;
  if (peers !== undefined && peers.length > 0) {
    const kept = peers.flatMap((peer) => rewritePeer(peer, knobs, notMatched));
    peers = kept.length > 0 ? kept : [NO_PEER];
  }
  return {
    ...(peers === undefined ? {} : { peers }),
    ...(ports === undefined ? {} : { ports }),
  };
}

function rewritePort(spec: PortSpec, knobs: Knobs, dropNamed: boolean): PortSpec[] {
  if (spec.protocol === 'SCTP' && !knobs.sctp) return [];
  if (dropNamed && typeof spec.port === 'string') return [];
  if (spec.endPort !== undefined && knobs.endPort === 'ignored') {
    const { endPort: _ignored, ...rest } = spec;
    return [rest];
  }
  return [spec];
}

function rewritePeer(peer: Peer, knobs: Knobs, notMatched: readonly string[]): Peer[] {
  if (peer.kind !== 'ipBlock' || peer === NO_PEER) return [peer];
  if (knobs.ipFamilies === 'ipv4' && peer.cidr.includes(':')) return [];
  if (notMatched.length === 0) return [peer];
  // Addresses the plugin never matches by ipBlock become exceptions of the block.
  const block = IpSet.fromCidr(peer.cidr);
  const extra: string[] = [];
  for (const text of notMatched) {
    const ip = parseIp(text);
    if (ip === undefined || !block.has(ip)) continue;
    extra.push(`${formatIp(ip.family, ip.value)}/${ip.family === 4 ? 32 : 128}`);
  }
  return extra.length === 0 ? [peer] : [{ ...peer, except: [...peer.except, ...extra] }];
}
