import type {
  AdminPeer,
  AdminPolicy,
  AdminRule,
  AdminSubject,
  Labels,
  Node,
  Pod,
  Traffic,
} from '../model/index.js';
import { adminPolicyKind } from '../model/index.js';
import type { IpAddress } from '../net/index.js';
import { IpSet, parseIp } from '../net/index.js';
import { matchesLabels } from '../select/index.js';
import type { ResolvedEndpoint } from './explain.js';
import type { AdminRuleRef, TierVerdict } from './types.js';

/**
 * The admin policies as the explainer walks them for one pair: in evaluation order (Admin tier
 * by priority then name, then Baseline), with the Nodes their `nodes` peers select.
 */
export class AdminWalk {
  private readonly cidrs = new Map<string, IpSet>();

  /**
   * @param policies - the admin policies
   * @param nodes - the cluster's Nodes
   * @param namespaceLabels - a namespace's labels by name
   */
  constructor(
    readonly policies: readonly AdminPolicy[],
    private readonly nodes: readonly Node[],
    private readonly namespaceLabels: (name: string) => Labels,
  ) {
    this.policies = [...policies].sort(
      (a, b) =>
        (a.tier === 'Admin' ? 0 : 1) - (b.tier === 'Admin' ? 0 : 1) ||
        a.priority - b.priority ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  }

  /** Whether a subject (or a namespaces / pods peer) picks a pod; host-network pods never. */
  picks(subject: AdminSubject, pod: Pod): boolean {
    if (pod.hostNetwork) return false;
    if (!matchesLabels(this.namespaceLabels(pod.namespace), subject.namespaceSelector)) {
      return false;
    }
    return subject.kind === 'namespaces' || matchesLabels(pod.labels, subject.podSelector);
  }

  /** Whether a peer matches the other end of the connection. */
  peerMatches(peer: AdminPeer, other: ResolvedEndpoint): boolean {
    switch (peer.kind) {
      case 'namespaces':
      case 'pods':
        return other.kind === 'pod' && this.picks(peer, other.pod);
      case 'networks':
        // CIDRs match pod IPs (host-network pods' too) and addresses outside.
        return ipsOf(other).some((ip) => peer.cidrs.some((cidr) => this.cidr(cidr).has(ip)));
      case 'nodes': {
        // Node addresses: an address, or a host-network pod (which has its node's IP).
        if (other.kind === 'pod' && !other.pod.hostNetwork) return false;
        const ips = ipsOf(other);
        return this.nodes.some(
          (node) =>
            matchesLabels(node.labels, peer.nodeSelector) &&
            node.addresses.some((a) => {
              const parsed = parseIp(a);
              return parsed !== undefined && ips.some((ip) => sameIp(ip, parsed));
            }),
        );
      }
      case 'domainNames':
        // Domain rules never match traffic to an IP.
        return false;
    }
  }

  private cidr(text: string): IpSet {
    let set = this.cidrs.get(text);
    if (set === undefined) {
      set = IpSet.fromCidr(text);
      this.cidrs.set(text, set);
    }
    return set;
  }
}

function sameIp(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && a.value === b.value;
}

function ipsOf(endpoint: ResolvedEndpoint): IpAddress[] {
  if (endpoint.kind === 'address') return [endpoint.address];
  return endpoint.pod.ips.flatMap((text) => {
    const ip = parseIp(text);
    return ip === undefined ? [] : [ip];
  });
}

/** Whether a rule's ports admit the traffic; named ports resolve on the destination pod. */
function portsMatch(rule: AdminRule, traffic: Required<Traffic>, destination: ResolvedEndpoint) {
  if (rule.ports === undefined) return true;
  return rule.ports.some((port) => {
    if (port.kind === 'range') {
      return (
        port.protocol === traffic.protocol &&
        port.first <= traffic.port &&
        traffic.port <= port.last
      );
    }
    if (destination.kind !== 'pod' || destination.pod.hostNetwork) return false;
    return destination.pod.ports.some(
      (p) =>
        p.name === port.name && p.protocol === traffic.protocol && p.containerPort === traffic.port,
    );
  });
}

/** The first rule of a tier that matches, walked in evaluation order. */
function firstMatch(
  walk: AdminWalk,
  tier: 'Admin' | 'Baseline',
  direction: 'ingress' | 'egress',
  subject: Pod,
  other: ResolvedEndpoint,
  destination: ResolvedEndpoint,
  traffic: Required<Traffic>,
): AdminRuleRef | undefined {
  for (const policy of walk.policies) {
    if (policy.tier !== tier || !walk.picks(policy.subject, subject)) continue;
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    for (const [ruleIndex, rule] of rules.entries()) {
      if (!rule.peers.some((peer) => walk.peerMatches(peer, other))) continue;
      if (!portsMatch(rule, traffic, destination)) continue;
      return {
        policy: { kind: adminPolicyKind(policy), name: policy.name },
        tier,
        priority: policy.priority,
        direction,
        ruleIndex,
        ...(rule.name === undefined ? {} : { ruleName: rule.name }),
        action: rule.action,
      };
    }
  }
  return undefined;
}

function tierVerdict(tier: 'Admin' | 'Baseline', rule: AdminRuleRef | undefined): TierVerdict {
  if (rule === undefined) return { tier, decision: 'no-match' };
  const decision = rule.action === 'Accept' ? 'allow' : rule.action === 'Deny' ? 'deny' : 'pass';
  return { tier, decision, rule };
}

/**
 * Walks the tiers for one side of a connection, as the API orders them: the Admin tier (first
 * matching rule by priority; Accept and Deny are final, Pass goes on), then NetworkPolicy (it
 * decides when it isolates the pod), then the Baseline tier, then the default, allow.
 *
 * @param networkPolicy - what the NetworkPolicy tier says: undefined when nothing isolates the
 *   pod in this direction, else whether it allows the connection
 * @returns the tiers walked, the last one deciding
 */
export function walkTiers(
  walk: AdminWalk,
  direction: 'ingress' | 'egress',
  subject: Pod,
  other: ResolvedEndpoint,
  destination: ResolvedEndpoint,
  traffic: Required<Traffic>,
  networkPolicy: boolean | undefined,
): TierVerdict[] {
  // Host-network pods are never subjects of admin policies: NetworkPolicy, then the default.
  const tiers: TierVerdict[] = [];
  if (!subject.hostNetwork) {
    const admin = tierVerdict(
      'Admin',
      firstMatch(walk, 'Admin', direction, subject, other, destination, traffic),
    );
    tiers.push(admin);
    if (admin.decision === 'allow' || admin.decision === 'deny') return tiers;
  }
  if (networkPolicy !== undefined) {
    tiers.push({ tier: 'NetworkPolicy', decision: networkPolicy ? 'allow' : 'deny' });
    return tiers;
  }
  tiers.push({ tier: 'NetworkPolicy', decision: 'no-match' });
  if (!subject.hostNetwork) {
    const baseline = tierVerdict(
      'Baseline',
      firstMatch(walk, 'Baseline', direction, subject, other, destination, traffic),
    );
    tiers.push(baseline);
    if (baseline.decision === 'deny') return tiers;
    if (baseline.decision === 'allow') return tiers;
  }
  tiers.push({ tier: 'Default', decision: 'allow' });
  return tiers;
}
