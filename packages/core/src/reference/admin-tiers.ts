// The admin policy tiers of policy.networking.k8s.io (AdminNetworkPolicy and
// BaselineAdminNetworkPolicy v1alpha1, ClusterNetworkPolicy v1alpha2, held in one model),
// applied to one pair at a time, straight from the API reference. Independent of compile/.

import type {
  AdminPeer,
  AdminPolicy,
  AdminRule,
  AdminSubject,
  Cluster,
  Labels,
  Pod,
} from '../model/index.js';
import { NAMESPACE_NAME_LABEL } from '../model/index.js';
import type { Ip } from './ip.js';
import { parseCidr, parseIp, rangeContains } from './ip.js';
import type { PortSet } from './port-set.js';
import {
  ALL_PORTS,
  intersectPorts,
  NO_PORTS,
  portRange,
  subtractPorts,
  unionPorts,
} from './port-set.js';
import { selectorMatches } from './selector-matches.js';

/**
 * One end of a connection, resolved: a pod of the cluster, an address outside it, or node
 * traffic (a host-network pod the plugin cannot tell from its node), seen by its IPs.
 */
export type Side =
  | { readonly kind: 'pod'; readonly pod: Pod }
  | { readonly kind: 'address'; readonly ip: Ip }
  | { readonly kind: 'host'; readonly pod: Pod; readonly ips: readonly Ip[] };

type Direction = 'ingress' | 'egress';

/**
 * The ports one side allows once the three tiers have been walked, per direction:
 *
 * 1. Admin tier: policies in ascending priority (ties broken by name), rules in written order;
 *    the first rule matching the peer and the port decides. Accept and Deny are final; Pass
 *    skips the rest of the Admin tier.
 * 2. NetworkPolicy tier: if some NetworkPolicy isolates the pod in this direction, it decides
 *    what the Admin tier left (`networkPolicy`, the ports it allows; absent when not isolated).
 * 3. Baseline tier: walked like the Admin tier over what is still undecided.
 * 4. Default: allow.
 *
 * Host-network pods are never subjects: for them only the NetworkPolicy tier applies.
 *
 * @param cluster - the cluster (its admin policies, namespaces and nodes)
 * @param subject - the pod whose side this is
 * @param direction - egress at the source, ingress at the destination
 * @param peer - the other end
 * @param destination - the destination of the connection (named ports resolve on it)
 * @param networkPolicy - what the NetworkPolicies isolating the subject allow; absent when none
 */
export function adminTierPorts(
  cluster: Cluster,
  subject: Pod,
  direction: Direction,
  peer: Side,
  destination: Side,
  networkPolicy: PortSet | undefined,
): PortSet {
  const policies = cluster.adminPolicies ?? [];
  if (policies.length === 0 || subject.hostNetwork) return networkPolicy ?? ALL_PORTS;
  const admin = walkTier(cluster, policies, 'Admin', subject, direction, peer, destination);
  // What the Admin tier did not decide (no rule matched, or a Pass) goes on to NetworkPolicy.
  const next = unionPorts(admin.undecided, admin.passed);
  if (networkPolicy !== undefined) {
    return unionPorts(admin.accepted, intersectPorts(networkPolicy, next));
  }
  const baseline = walkTier(cluster, policies, 'Baseline', subject, direction, peer, destination);
  // In the Baseline tier, only a Deny removes anything: Accept, Pass and no match all allow.
  return unionPorts(admin.accepted, subtractPorts(next, baseline.denied));
}

interface TierOutcome {
  readonly accepted: PortSet;
  readonly denied: PortSet;
  readonly passed: PortSet;
  readonly undecided: PortSet;
}

function walkTier(
  cluster: Cluster,
  policies: readonly AdminPolicy[],
  tier: 'Admin' | 'Baseline',
  subject: Pod,
  direction: Direction,
  peer: Side,
  destination: Side,
): TierOutcome {
  const ordered = policies
    .filter((p) => p.tier === tier && subjectMatches(cluster, p.subject, subject))
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let undecided = ALL_PORTS;
  let accepted = NO_PORTS;
  let denied = NO_PORTS;
  let passed = NO_PORTS;
  for (const policy of ordered) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      if (!rule.peers.some((p) => peerMatches(cluster, p, peer))) continue;
      // The rule decides the ports it names that no earlier rule decided.
      const ports = intersectPorts(undecided, rulePorts(rule, destination));
      if (rule.action === 'Accept') accepted = unionPorts(accepted, ports);
      else if (rule.action === 'Deny') denied = unionPorts(denied, ports);
      else passed = unionPorts(passed, ports);
      undecided = subtractPorts(undecided, ports);
    }
  }
  return { accepted, denied, passed, undecided };
}

/** A subject picks pods by namespace (and by pod labels); host-network pods never. */
function subjectMatches(cluster: Cluster, subject: AdminSubject, pod: Pod): boolean {
  if (pod.hostNetwork) return false;
  if (!selectorMatches(subject.namespaceSelector, namespaceLabels(cluster, pod.namespace))) {
    return false;
  }
  return subject.kind === 'namespaces' || selectorMatches(subject.podSelector, pod.labels);
}

function peerMatches(cluster: Cluster, peer: AdminPeer, side: Side): boolean {
  switch (peer.kind) {
    case 'namespaces':
    case 'pods':
      // Namespace and pod peers match pods only, never a host-network pod or an address.
      return side.kind === 'pod' && subjectMatches(cluster, peer, side.pod);
    case 'networks':
      // CIDRs match pod IPs (host-network pods' too) as well as addresses outside.
      return ipsOf(side).some((ip) => peer.cidrs.some((cidr) => inCidr(cidr, ip)));
    case 'nodes': {
      // The addresses of the selected Nodes' status.addresses, which host-network pods share.
      if (side.kind === 'pod' && !side.pod.hostNetwork) return false;
      const nodeIps = (cluster.nodes ?? [])
        .filter((node) => selectorMatches(peer.nodeSelector, node.labels))
        .flatMap((node) => node.addresses.map((text) => parseIp(text)));
      return ipsOf(side).some((ip) =>
        nodeIps.some((n) => n !== undefined && n.family === ip.family && n.value === ip.value),
      );
    }
    case 'domainNames':
      // A domain rule matches FQDN traffic only; traffic to an IP never matches it.
      return false;
  }
}

function ipsOf(side: Side): readonly Ip[] {
  if (side.kind === 'address') return [side.ip];
  if (side.kind === 'host') return side.ips;
  return side.pod.ips.flatMap((text) => {
    const ip = parseIp(text);
    return ip === undefined ? [] : [ip];
  });
}

function inCidr(cidr: string, ip: Ip): boolean {
  const range = parseCidr(cidr);
  return range !== undefined && rangeContains(range, ip);
}

/**
 * The ports a rule names on the destination. No ports: every port of every protocol. A named
 * port means the destination pod's container ports of that name (any protocol); an address or
 * node traffic has none.
 */
function rulePorts(rule: AdminRule, destination: Side): PortSet {
  if (rule.ports === undefined) return ALL_PORTS;
  let set = NO_PORTS;
  for (const port of rule.ports) {
    if (port.kind === 'range') {
      set = unionPorts(set, portRange(port.protocol, port.first, port.last));
    } else if (destination.kind === 'pod' && !destination.pod.hostNetwork) {
      for (const p of destination.pod.ports) {
        if (p.name === port.name) {
          set = unionPorts(set, portRange(p.protocol, p.containerPort, p.containerPort));
        }
      }
    }
  }
  return set;
}

function namespaceLabels(cluster: Cluster, name: string): Labels {
  const namespace = cluster.namespaces.find((n) => n.name === name);
  return namespace?.labels ?? new Map([[NAMESPACE_NAME_LABEL, name]]);
}
