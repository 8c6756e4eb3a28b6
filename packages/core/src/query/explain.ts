import type { CompiledCluster, PeerIR, PolicyIR, PortIR } from '../compile/index.js';
import type { Endpoint, Labels, Pod, Protocol, Traffic } from '../model/index.js';
import { isAddress } from '../model/index.js';
import { IpSet, parseIp } from '../net/index.js';
import { matchesLabels } from '../select/index.js';
import type { DirectionVerdict, Explanation, PolicyRef, RuleRef } from './types.js';

/** An endpoint with what the explainer needs to know about it. */
export type ResolvedEndpoint =
  | { readonly kind: 'pod'; readonly index: number; readonly pod: Pod }
  | { readonly kind: 'address'; readonly address: { family: 4 | 6; value: bigint } };

function namespaceLabels(compiled: CompiledCluster, name: string): Labels {
  return compiled.namespaces.find((ns) => ns.name === name)?.labels ?? new Map();
}

/** Whether a policy selects a pod: same namespace, and its podSelector matches the labels. */
export function policySelects(policy: PolicyIR, pod: Pod): boolean {
  return policy.namespace === pod.namespace && matchesLabels(pod.labels, policy.podSelector);
}

function inIpBlock(peer: PeerIR & { kind: 'ipBlock' }, address: { family: 4 | 6; value: bigint }) {
  let set = IpSet.fromCidr(peer.cidr);
  for (const except of peer.except) set = set.difference(IpSet.fromCidr(except));
  return set.has(address);
}

/** Whether one peer of a policy's rule matches an endpoint (the other side of the connection). */
function peerMatches(
  compiled: CompiledCluster,
  policy: PolicyIR,
  peer: PeerIR,
  other: ResolvedEndpoint,
): boolean {
  if (peer.kind === 'ipBlock') {
    // An address matches when it lies in the CIDR and in none of the exceptions; a pod
    // matches by one of its IPs, when ipBlocks are assumed to match pods at all.
    if (other.kind === 'address') return inIpBlock(peer, other.address);
    if (!compiled.options.ipBlockMatchesPods) return false;
    return other.pod.ips.some((ip) => {
      const parsed = parseIp(ip);
      return parsed !== undefined && inIpBlock(peer, parsed);
    });
  }
  // Selectors only ever match pods.
  if (other.kind === 'address') return false;
  const pod = other.pod;
  // namespaceSelector picks namespaces (all of them when empty); without it, only the
  // policy's own namespace. podSelector, when present, narrows to matching pods (AND).
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? pod.namespace === policy.namespace
      : matchesLabels(namespaceLabels(compiled, pod.namespace), peer.namespaceSelector);
  return (
    namespaceOk && (peer.podSelector === undefined || matchesLabels(pod.labels, peer.podSelector))
  );
}

/** Whether a port entry admits the traffic; named ports resolve on the destination pod. */
function portMatches(
  entry: PortIR,
  port: number,
  protocol: Protocol,
  destination: ResolvedEndpoint,
): boolean {
  if (entry.protocol !== protocol) return false;
  if (entry.kind === 'all') return true;
  if (entry.kind === 'range') return entry.first <= port && port <= entry.last;
  if (destination.kind === 'address') return false;
  return destination.pod.ports.some(
    (p) => p.name === entry.name && p.protocol === protocol && p.containerPort === port,
  );
}

function policyRef(policy: PolicyIR): PolicyRef {
  return { namespace: policy.namespace, name: policy.name };
}

function verdict(
  compiled: CompiledCluster,
  direction: 'ingress' | 'egress',
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  destination: ResolvedEndpoint,
  traffic: Required<Traffic>,
): DirectionVerdict {
  // An address outside the cluster has no policies of its own.
  if (subject.kind === 'address') {
    return { isolated: false, isolatedBy: [], allowed: true, allowedBy: [] };
  }
  const isolatedBy: PolicyRef[] = [];
  const allowedBy: RuleRef[] = [];
  for (const policy of compiled.policies) {
    const affects = direction === 'ingress' ? policy.affectsIngress : policy.affectsEgress;
    if (!affects || !policySelects(policy, subject.pod)) continue;
    isolatedBy.push(policyRef(policy));
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      let peerIndex: number | undefined;
      if (rule.peers !== 'all') {
        peerIndex = rule.peers.findIndex((peer) => peerMatches(compiled, policy, peer, other));
        if (peerIndex < 0) continue;
      }
      let portIndex: number | undefined;
      if (rule.ports !== 'all') {
        portIndex = rule.ports.findIndex((entry) =>
          portMatches(entry, traffic.port, traffic.protocol, destination),
        );
        if (portIndex < 0) continue;
      }
      allowedBy.push({
        policy: policyRef(policy),
        direction,
        ruleIndex: rule.index,
        ...(peerIndex === undefined ? {} : { peerIndex }),
        ...(portIndex === undefined ? {} : { portIndex }),
      });
    }
  }
  // Not isolated: everything is allowed. Isolated: only what some rule allows.
  const isolated = isolatedBy.length > 0;
  return { isolated, isolatedBy, allowed: !isolated || allowedBy.length > 0, allowedBy };
}

/** Explains one connection by walking the policies for this pair. */
export function explainPair(
  compiled: CompiledCluster,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
  fromRef: Endpoint,
  toRef: Endpoint,
  traffic: Required<Traffic>,
): Explanation {
  const egress = verdict(compiled, 'egress', from, to, to, traffic);
  const ingress = verdict(compiled, 'ingress', to, from, to, traffic);
  // Traffic from a pod to itself never leaves it: always allowed. A template pod stands for
  // all its replicas: "itself" is another replica, and the policies decide.
  const self =
    from.kind === 'pod' && to.kind === 'pod' && from.index === to.index && !from.pod.fromTemplate;
  return {
    allowed: self || (egress.allowed && ingress.allowed),
    from: isAddress(fromRef) ? { address: fromRef.address } : fromRef,
    to: isAddress(toRef) ? { address: toRef.address } : toRef,
    traffic,
    self,
    egress,
    ingress,
    assumptions: compiled.options,
  };
}

/** The policies that isolate a pod in a direction. */
export function isolatingPolicies(
  compiled: CompiledCluster,
  pod: Pod,
  direction: 'ingress' | 'egress',
): PolicyRef[] {
  return compiled.policies
    .filter((p) => (direction === 'ingress' ? p.affectsIngress : p.affectsEgress))
    .filter((p) => policySelects(p, pod))
    .map(policyRef);
}
