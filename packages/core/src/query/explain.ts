import type { PeerIR, PolicyIR, PortIR } from '../compile/index.js';
import type {
  ConnectionSet,
  Endpoint,
  Labels,
  Namespace,
  Pod,
  PortRange,
  Protocol,
  SemanticsOptions,
  Traffic,
} from '../model/index.js';
import { isAddress, PROTOCOLS } from '../model/index.js';
import { IpSet, PortSet, parseIp } from '../net/index.js';
import type { KnobName } from '../profiles/index.js';
import { matchesLabels } from '../select/index.js';
import type { AdminWalk } from './explain-admin.js';
import { walkTiers } from './explain-admin.js';
import { NO_OWN_NODE, type OwnNode } from './own-node.js';
import type { DirectionVerdict, Explanation, PolicyRef, RuleRef } from './types.js';

/** An endpoint with what the explainer needs to know about it. */
export type ResolvedEndpoint =
  | { readonly kind: 'pod'; readonly index: number; readonly pod: Pod }
  | { readonly kind: 'address'; readonly address: { family: 4 | 6; value: bigint } };

const NO_LABELS: Labels = new Map();

/**
 * What walking the policies for one pair needs: namespaces (for namespace selectors), the
 * policies indexed by namespace, and the ipBlocks' address sets, each built once.
 */
export class PolicyWalk {
  readonly options: SemanticsOptions;
  /** Own-node traffic and the knobs each policy is touched by. */
  readonly own: OwnNode;
  private readonly namespaceLabelsByName: ReadonlyMap<string, Labels>;
  private readonly byNamespace = new Map<string, PolicyIR[]>();
  private readonly blocks = new WeakMap<PeerIR, IpSet>();

  /** The admin policies, when the cluster has some. */
  readonly admin: AdminWalk | undefined;

  constructor(
    namespaces: readonly Namespace[],
    policies: readonly PolicyIR[],
    options: SemanticsOptions,
    admin?: AdminWalk,
    own: OwnNode = NO_OWN_NODE,
  ) {
    this.options = options;
    this.admin = admin;
    this.own = own;
    this.namespaceLabelsByName = new Map(namespaces.map((ns) => [ns.name, ns.labels]));
    for (const policy of policies) {
      const list = this.byNamespace.get(policy.namespace);
      if (list) list.push(policy);
      else this.byNamespace.set(policy.namespace, [policy]);
    }
  }

  namespaceLabels(name: string): Labels {
    return this.namespaceLabelsByName.get(name) ?? NO_LABELS;
  }

  /** A policy only ever selects pods of its own namespace. */
  policiesIn(namespace: string): readonly PolicyIR[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** The addresses an ipBlock peer matches: its CIDR without the `except` CIDRs. */
  blockSet(peer: PeerIR & { kind: 'ipBlock' }): IpSet {
    let set = this.blocks.get(peer);
    if (set === undefined) {
      set = IpSet.fromCidr(peer.cidr);
      for (const except of peer.except) set = set.difference(IpSet.fromCidr(except));
      this.blocks.set(peer, set);
    }
    return set;
  }
}

/** Whether a policy selects a pod: same namespace, and its podSelector matches the labels. */
export function policySelects(policy: PolicyIR, pod: Pod): boolean {
  return policy.namespace === pod.namespace && matchesLabels(pod.labels, policy.podSelector);
}

/**
 * With `hostNetworkPods: 'node'`, a hostNetwork pod is node traffic to the plugin: no policy
 * selects it, as subject or as peer; ipBlocks match it by its IPs.
 */
function isNodeTraffic(walk: PolicyWalk, endpoint: ResolvedEndpoint): boolean {
  return (
    endpoint.kind === 'pod' && endpoint.pod.hostNetwork && walk.options.hostNetworkPods === 'node'
  );
}

/** Whether one peer of a policy's rule matches an endpoint (the other side of the connection). */
function peerMatches(
  walk: PolicyWalk,
  policy: PolicyIR,
  peer: PeerIR,
  other: ResolvedEndpoint,
): boolean {
  if (peer.kind === 'ipBlock') {
    // An address matches when it lies in the CIDR and in none of the exceptions; a pod
    // matches by one of its IPs, when ipBlocks are assumed to match pods at all.
    const block = walk.blockSet(peer);
    if (other.kind === 'address') return block.has(other.address);
    if (!walk.options.ipBlockMatchesPods && !isNodeTraffic(walk, other)) return false;
    return other.pod.ips.some((ip) => {
      const parsed = parseIp(ip);
      return parsed !== undefined && block.has(parsed);
    });
  }
  // Selectors only ever match pods (not addresses, not node traffic).
  if (other.kind === 'address' || isNodeTraffic(walk, other)) return false;
  const pod = other.pod;
  // namespaceSelector picks namespaces (all of them when empty); without it, only the
  // policy's own namespace. podSelector, when present, narrows to matching pods (AND).
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? pod.namespace === policy.namespace
      : matchesLabels(walk.namespaceLabels(pod.namespace), peer.namespaceSelector);
  return (
    namespaceOk && (peer.podSelector === undefined || matchesLabels(pod.labels, peer.podSelector))
  );
}

/** Whether a port entry admits the traffic; named ports resolve on the destination pod. */
function portMatches(
  walk: PolicyWalk,
  entry: PortIR,
  port: number,
  protocol: Protocol,
  destination: ResolvedEndpoint,
): boolean {
  if (entry.protocol !== protocol) return false;
  if (entry.kind === 'all') return true;
  if (entry.kind === 'range') return entry.first <= port && port <= entry.last;
  if (destination.kind === 'address' || isNodeTraffic(walk, destination)) return false;
  return destination.pod.ports.some(
    (p) => p.name === entry.name && p.protocol === protocol && p.containerPort === port,
  );
}

function policyRef(policy: PolicyIR): PolicyRef {
  return { namespace: policy.namespace, name: policy.name };
}

function verdict(
  walk: PolicyWalk,
  direction: 'ingress' | 'egress',
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  destination: ResolvedEndpoint,
  traffic: Required<Traffic>,
): DirectionVerdict {
  // An address outside the cluster has no policies of its own, nor has node traffic.
  if (subject.kind === 'address' || isNodeTraffic(walk, subject)) {
    return { isolated: false, isolatedBy: [], allowed: true, allowedBy: [] };
  }
  const exempt = walk.own.exempt(direction, subject.pod, other, isNodeTraffic(walk, other));
  const isolatedBy: PolicyRef[] = [];
  const allowedBy: RuleRef[] = [];
  for (const policy of walk.policiesIn(subject.pod.namespace)) {
    const affects = direction === 'ingress' ? policy.affectsIngress : policy.affectsEgress;
    if (!affects || !policySelects(policy, subject.pod)) continue;
    isolatedBy.push(policyRef(policy));
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      let peerIndex: number | undefined;
      if (rule.peers !== 'all') {
        peerIndex = rule.peers.findIndex((peer) => peerMatches(walk, policy, peer, other));
        if (peerIndex < 0) continue;
      }
      let portIndex: number | undefined;
      if (rule.ports !== 'all') {
        portIndex = rule.ports.findIndex((entry) =>
          portMatches(walk, entry, traffic.port, traffic.protocol, destination),
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
  // Own-node (or host-network) traffic the plugin never polices: allowed whatever the rules say.
  const exemptHere = isolated && allowedBy.length === 0 && exempt !== undefined;
  const allowed = !isolated || allowedBy.length > 0 || exemptHere;
  const exemption = exemptHere ? { exemptBy: exempt } : {};
  if (walk.admin === undefined) return { isolated, isolatedBy, allowed, allowedBy, ...exemption };
  // With admin policies, NetworkPolicy is the middle tier: the last tier walked decides.
  const tiers = walkTiers(
    walk.admin,
    direction,
    subject.pod,
    other,
    destination,
    traffic,
    isolated ? allowed : undefined,
  );
  const decided = tiers[tiers.length - 1]?.decision === 'allow';
  const npDecided = tiers.some((t) => t.tier === 'NetworkPolicy' && t.decision !== 'no-match');
  return {
    isolated,
    isolatedBy,
    allowed: decided,
    allowedBy: npDecided ? allowedBy : [],
    ...(npDecided ? exemption : {}),
    tiers,
  };
}

/** The knobs that mattered for an answer: those of the exemptions and of the policies met. */
function knobsThatMattered(walk: PolicyWalk, sides: readonly DirectionVerdict[]): KnobName[] {
  const knobs = new Set<KnobName>();
  if (!walk.own.knobs.enforcesNetworkPolicy) knobs.add('enforcesNetworkPolicy');
  for (const side of sides) {
    if (side.exemptBy !== undefined) knobs.add(side.exemptBy as KnobName);
    for (const ref of side.isolatedBy) {
      for (const knob of walk.own.knobsOfPolicy(ref.namespace, ref.name)) knobs.add(knob);
    }
  }
  return [...knobs];
}

/**
 * The assumptions an explanation prints: the profile when one was named, the two original
 * knobs (always), then the other knobs that mattered for this answer.
 */
function assumptionsOf(walk: PolicyWalk, sides: readonly DirectionVerdict[]): SemanticsOptions {
  const { cni, ipBlockMatchesPods, hostNetworkPods } = walk.options;
  const out: Record<string, unknown> = {
    ...(cni === undefined ? {} : { cni }),
    ipBlockMatchesPods,
    hostNetworkPods,
  };
  const knobs = walk.own.knobs as unknown as Record<string, unknown>;
  for (const knob of knobsThatMattered(walk, sides)) {
    if (knob !== 'ipBlockMatchesPods' && knob !== 'hostNetworkSubjects') out[knob] = knobs[knob];
  }
  return out as unknown as SemanticsOptions;
}

/** Explains one connection by walking the policies for this pair. */
export function explainPair(
  walk: PolicyWalk,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
  fromRef: Endpoint,
  toRef: Endpoint,
  traffic: Required<Traffic>,
): Explanation {
  const egress = verdict(walk, 'egress', from, to, to, traffic);
  const ingress = verdict(walk, 'ingress', to, from, to, traffic);
  const self = isSelfPair(from, to);
  return {
    allowed: self || (egress.allowed && ingress.allowed),
    from: isAddress(fromRef) ? { address: fromRef.address } : fromRef,
    to: isAddress(toRef) ? { address: toRef.address } : toRef,
    traffic,
    self,
    egress,
    ingress,
    assumptions: assumptionsOf(walk, [egress, ingress]),
  };
}

/**
 * Traffic from a pod to itself never leaves it: always allowed. A template pod stands for all
 * its replicas: "itself" is another replica, and the policies decide.
 */
function isSelfPair(from: ResolvedEndpoint, to: ResolvedEndpoint): boolean {
  return (
    from.kind === 'pod' && to.kind === 'pod' && from.index === to.index && !from.pod.fromTemplate
  );
}

/** The policies that isolate a pod in a direction. */
export function isolatingPolicies(
  walk: PolicyWalk,
  pod: Pod,
  direction: 'ingress' | 'egress',
): PolicyRef[] {
  if (pod.hostNetwork && walk.options.hostNetworkPods === 'node') return [];
  return walk
    .policiesIn(pod.namespace)
    .filter((p) => (direction === 'ingress' ? p.affectsIngress : p.affectsEgress))
    .filter((p) => policySelects(p, pod))
    .map(policyRef);
}

type PortSets = Map<Protocol, PortSet>;

function everything(): PortSets {
  return new Map(PROTOCOLS.map((p) => [p, PortSet.ALL]));
}

/** The ports a rule's `ports` admit towards a destination; named ports resolve on it. */
function rulePorts(
  walk: PolicyWalk,
  ports: 'all' | readonly PortIR[],
  destination: ResolvedEndpoint,
): PortSets {
  if (ports === 'all') return everything();
  const out: PortSets = new Map();
  const add = (protocol: Protocol, set: PortSet): void => {
    out.set(protocol, (out.get(protocol) ?? PortSet.EMPTY).union(set));
  };
  for (const entry of ports) {
    if (entry.kind === 'all') add(entry.protocol, PortSet.ALL);
    else if (entry.kind === 'range') add(entry.protocol, PortSet.range(entry.first, entry.last));
    else if (destination.kind === 'pod' && !isNodeTraffic(walk, destination)) {
      for (const p of destination.pod.ports) {
        if (p.name === entry.name && p.protocol === entry.protocol) {
          add(entry.protocol, PortSet.single(p.containerPort));
        }
      }
    }
  }
  return out;
}

/** What one side allows: everything when not isolated, else the union of matching rules. */
function sidePorts(
  walk: PolicyWalk,
  direction: 'ingress' | 'egress',
  subject: ResolvedEndpoint,
  other: ResolvedEndpoint,
  destination: ResolvedEndpoint,
): PortSets {
  if (subject.kind === 'address' || isNodeTraffic(walk, subject)) return everything();
  if (walk.own.exempt(direction, subject.pod, other, isNodeTraffic(walk, other)) !== undefined) {
    return everything();
  }
  let isolated = false;
  const out: PortSets = new Map();
  for (const policy of walk.policiesIn(subject.pod.namespace)) {
    const affects = direction === 'ingress' ? policy.affectsIngress : policy.affectsEgress;
    if (!affects || !policySelects(policy, subject.pod)) continue;
    isolated = true;
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      if (
        rule.peers !== 'all' &&
        !rule.peers.some((peer) => peerMatches(walk, policy, peer, other))
      ) {
        continue;
      }
      for (const [protocol, set] of rulePorts(walk, rule.ports, destination)) {
        out.set(protocol, (out.get(protocol) ?? PortSet.EMPTY).union(set));
      }
    }
  }
  return isolated ? out : everything();
}

/**
 * Every port and protocol `from` may use to reach `to`, from the policies for this one pair:
 * egress allowed at the source intersected with ingress allowed at the destination.
 */
export function connectionSetOfPair(
  walk: PolicyWalk,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
): ConnectionSet {
  if (isSelfPair(from, to)) return 'all';
  const egress = sidePorts(walk, 'egress', from, to, to);
  const ingress = sidePorts(walk, 'ingress', to, from, to);
  const result: { [P in Protocol]?: readonly PortRange[] } = {};
  let full = true;
  for (const protocol of PROTOCOLS) {
    const set = (egress.get(protocol) ?? PortSet.EMPTY).intersect(
      ingress.get(protocol) ?? PortSet.EMPTY,
    );
    if (!set.isAll()) full = false;
    if (!set.isEmpty()) result[protocol] = set.ranges;
  }
  return full ? 'all' : result;
}
