// The reference evaluator: the NetworkPolicy rules of networking.k8s.io/v1, applied to one pair
// of endpoints at a time, with no index and no precomputation. It is the oracle the compiled
// engine is tested against, so each rule is written out plainly, with the sentence of the
// Kubernetes documentation it implements.

import { ReachError } from '../errors.js';
import type {
  Cluster,
  ConnectionSet,
  Endpoint,
  Labels,
  NetworkPolicy,
  Peer,
  Pod,
  PodRef,
  PolicyRule,
  PortSpec,
  SemanticsOptions,
  Traffic,
} from '../model/index.js';
import {
  formatPodRef,
  isAddress,
  MAX_PORT,
  NAMESPACE_NAME_LABEL,
  PROTOCOLS,
} from '../model/index.js';
import type { Side } from './admin-tiers.js';
import { adminTierPorts } from './admin-tiers.js';
import type { Ip, IpRange } from './ip.js';
import { parseCidr, parseIp, rangeContains } from './ip.js';
import type { PluginView } from './plugin-view.js';
import { pluginView } from './plugin-view.js';
import type { PortSet } from './port-set.js';
import {
  ALL_PORTS,
  allPortsOf,
  hasPort,
  intersectPorts,
  NO_PORTS,
  portRange,
  toConnectionSet,
  unionPorts,
} from './port-set.js';
import { selectorMatches } from './selector-matches.js';

type Direction = 'ingress' | 'egress';

/**
 * Every connection the policies allow from `from` to `to`, computed rule by rule. An address
 * is always taken as outside the cluster, even when a pod has it: only ipBlocks match it. A pod
 * reaches itself whatever the policies say (a template pod, which stands for all replicas, is
 * asked replica to replica, so the policies decide); two addresses reach each other unfiltered.
 * Only TCP, UDP and SCTP are modelled (`'all'` says nothing about ICMP or other protocols).
 *
 * @param cluster - the cluster whose policies apply.
 * @param from - the source: a pod of the cluster or an address outside it.
 * @param to - the destination: a pod of the cluster or an address outside it.
 * @param options - behaviours Kubernetes leaves to the network plugin.
 * @returns `'all'` when every port of TCP, UDP and SCTP is allowed, else the allowed ports per
 *   protocol as sorted, merged inclusive ranges (`{}` when nothing is allowed).
 * @throws ReachError `unknown-pod` for a pod not in the cluster, `invalid-endpoint` for an
 *   address that is not an IP address, `invalid-cluster` for a policy with a bad CIDR.
 */
export function referenceConnections(
  cluster: Cluster,
  from: Endpoint,
  to: Endpoint,
  options?: Partial<SemanticsOptions>,
): ConnectionSet {
  return toConnectionSet(allowedPorts(cluster, from, to, pluginView(cluster, options)));
}

/**
 * Whether one connection attempt from `from` to `to` is allowed.
 *
 * @param traffic - destination port (1-65535) and protocol (TCP when absent).
 * @returns true when the source's egress and the destination's ingress both allow it.
 * @throws ReachError `invalid-traffic` for a bad port or protocol, and as
 *   {@link referenceConnections} does.
 * @example
 * ```ts
 * referenceCanReach(cluster, { namespace: 'ops', name: 'client' },
 *   { namespace: 'production', name: 'deployment/web' }, { port: 80 }); // -> true
 * ```
 */
export function referenceCanReach(
  cluster: Cluster,
  from: Endpoint,
  to: Endpoint,
  traffic: Traffic,
  options?: Partial<SemanticsOptions>,
): boolean {
  const protocol = traffic.protocol ?? 'TCP';
  if (!PROTOCOLS.includes(protocol)) {
    throw new ReachError('invalid-traffic', `unknown protocol ${String(protocol)}`);
  }
  if (!Number.isInteger(traffic.port) || traffic.port < 1 || traffic.port > MAX_PORT) {
    throw new ReachError(
      'invalid-traffic',
      `port must be an integer in 1-65535, got ${traffic.port}`,
    );
  }
  return hasPort(
    allowedPorts(cluster, from, to, pluginView(cluster, options)),
    protocol,
    traffic.port,
  );
}

/**
 * Whether a pod is isolated in a direction: some policy of its namespace selects it and has
 * that direction in its `policyTypes`.
 *
 * @throws ReachError `unknown-pod` for a pod not in the cluster.
 */
export function referenceIsolated(
  cluster: Cluster,
  pod: PodRef,
  direction: 'ingress' | 'egress',
  options?: Partial<SemanticsOptions>,
): boolean {
  const found = findPod(cluster, pod);
  // Node traffic is never isolated by a NetworkPolicy (hostNetworkPods: 'node', the default),
  // and nothing is under a plugin that does not enforce NetworkPolicy.
  const view = pluginView(cluster, options);
  if (view.isNodeTraffic(found) || !view.knobs.enforcesNetworkPolicy) return false;
  return policiesIsolating(cluster, found, direction).length > 0;
}

function allowedPorts(cluster: Cluster, from: Endpoint, to: Endpoint, view: PluginView): PortSet {
  const source = resolveEndpoint(cluster, from);
  const destination = resolveEndpoint(cluster, to);
  // A plugin that does not enforce NetworkPolicy (flannel) allows every connection.
  if (!view.knobs.enforcesNetworkPolicy) return ALL_PORTS;
  // A pod cannot block access to itself. A template pod stands for all replicas of its
  // workload, so "to itself" means from one replica to another: the policies decide.
  if (
    source.kind === 'pod' &&
    destination.kind === 'pod' &&
    source.pod === destination.pod &&
    !source.pod.fromTemplate
  ) {
    return ALL_PORTS;
  }
  return connectionBetween(cluster, asSeen(source, view), asSeen(destination, view), view);
}

/**
 * A side as the plugin sees it: with `hostNetworkPods: 'node'`, a hostNetwork pod is node
 * traffic, seen only by its IPs (no policy selects it, as subject or as peer).
 */
function asSeen(side: Side, view: PluginView): Side {
  if (side.kind !== 'pod' || !view.isNodeTraffic(side.pod)) return side;
  return {
    kind: 'host',
    pod: side.pod,
    ips: view.ipsOf(side.pod).map((text) => podIp(side.pod, text)),
  };
}

function connectionBetween(
  cluster: Cluster,
  source: Side,
  destination: Side,
  options: PluginView,
): PortSet {
  // A connection needs both ends to agree: the source's egress side and the destination's
  // ingress side. An address outside the cluster (or node traffic) has no policies, so its
  // side allows everything; between two addresses nothing in the cluster filters it at all.
  const egress =
    source.kind === 'pod'
      ? allowedBySide(cluster, source.pod, 'egress', destination, destination, options)
      : ALL_PORTS;
  const ingress =
    destination.kind === 'pod'
      ? allowedBySide(cluster, destination.pod, 'ingress', source, destination, options)
      : ALL_PORTS;
  return intersectPorts(egress, ingress);
}

/**
 * What the policies of `subject` allow in one direction towards (egress) or from (ingress)
 * `peer`. Named ports are looked up on `destination`.
 */
function allowedBySide(
  cluster: Cluster,
  subject: Pod,
  direction: Direction,
  peer: Side,
  destination: Side,
  view: PluginView,
): PortSet {
  const policies = policiesIsolating(cluster, subject, direction);
  // The admin tiers come first and last: the Admin tier before NetworkPolicy, the Baseline
  // tier for pods no NetworkPolicy isolates (see admin-tiers.ts). Only the admin policies the
  // plugin implements take part.
  const isolated =
    policies.length === 0
      ? undefined
      : networkPolicyPorts(cluster, subject, policies, direction, peer, destination, view);
  return adminTierPorts(view.adminCluster, subject, direction, peer, destination, isolated);
}

/** What the NetworkPolicies isolating `subject` allow towards (egress) or from (ingress) `peer`. */
function networkPolicyPorts(
  cluster: Cluster,
  subject: Pod,
  policies: readonly NetworkPolicy[],
  direction: Direction,
  peer: Side,
  destination: Side,
  view: PluginView,
): PortSet {
  // Traffic between a pod and its own node (and host-network peers, per the plugin) is never
  // policed, whatever the policies say.
  if (exempt(subject, direction, peer, view)) return ALL_PORTS;
  // An isolated pod allows only what some rule of some selecting policy allows (the union);
  // a policy with no rules for the direction adds nothing (default deny).
  let allowed = NO_PORTS;
  for (const policy of policies) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      allowed = unionPorts(
        allowed,
        ruleAllows(cluster, policy, rule, direction, peer, destination, view),
      );
    }
  }
  return allowed;
}

/**
 * The policies that isolate `pod` in `direction`: those in the pod's own namespace whose
 * `podSelector` selects it (an empty selector selects every pod of the namespace) and whose
 * `policyTypes` include the direction. Rules of a direction not in `policyTypes` are ignored.
 */
function policiesIsolating(cluster: Cluster, pod: Pod, direction: Direction): NetworkPolicy[] {
  const policyType = direction === 'ingress' ? 'Ingress' : 'Egress';
  return cluster.policies.filter(
    (policy) =>
      policy.namespace === pod.namespace &&
      policy.policyTypes.includes(policyType) &&
      selectorMatches(policy.podSelector, pod.labels),
  );
}

/**
 * The ports a rule opens to a peer. A rule admits a peer when its `from`/`to` is absent or empty,
 * or any listed peer matches (several peers in one rule are ORed).
 */
function ruleAllows(
  cluster: Cluster,
  policy: NetworkPolicy,
  rule: PolicyRule,
  direction: Direction,
  peer: Side,
  destination: Side,
  view: PluginView,
): PortSet {
  // An absent or empty `from`/`to` matches every peer, addresses outside the cluster included.
  const every = rule.peers === undefined || rule.peers.length === 0;
  const bySelector =
    every ||
    (rule.peers ?? []).some(
      (p) => p.kind === 'pods' && peerMatches(cluster, policy, p, peer, direction, view),
    );
  if (bySelector) return rulePorts(rule, direction, destination, view, true);
  const byBlock = (rule.peers ?? []).some(
    (p) => p.kind === 'ipBlock' && peerMatches(cluster, policy, p, peer, direction, view),
  );
  // namedPortsInEgress 'pod-peers-only': a peer matched by an ipBlock gets no named ports.
  const named = direction === 'ingress' || view.knobs.namedPortsInEgress !== 'pod-peers-only';
  return byBlock ? rulePorts(rule, direction, destination, view, named) : NO_PORTS;
}

/**
 * Own-node traffic: the API reference allows traffic to and from the node a pod runs on
 * (`nodeIngress`, `egressToOwnNode`, as the plugin decides); some plugins never police
 * host-network peers (`hostNetworkPeers: 'allowed'`).
 */
function exempt(subject: Pod, direction: Direction, peer: Side, view: PluginView): boolean {
  const { knobs } = view;
  if (peer.kind === 'host' && knobs.hostNetworkPeers === 'allowed') return true;
  const applies =
    direction === 'ingress' ? knobs.nodeIngress !== 'policed' : knobs.egressToOwnNode === 'always';
  const node = subject.nodeName;
  if (!applies || node === undefined) return false;
  if (peer.kind === 'host') return peer.pod.nodeName === node;
  if (peer.kind === 'address') return view.isOwnNodeAddress(node, peer.ip);
  return false;
}

function peerMatches(
  cluster: Cluster,
  policy: NetworkPolicy,
  peer: Peer,
  side: Side,
  direction: Direction,
  view: PluginView,
): boolean {
  if (peer.kind === 'ipBlock') {
    const { knobs } = view;
    // A plugin enforcing IPv4 only never matches an IPv6 block.
    if (knobs.ipFamilies === 'ipv4' && peer.cidr.includes(':')) return false;
    // An address the plugin knows as a node's is never matched when ipBlocks skip nodes, nor a
    // pod's address when ipBlocks match pods on egress only and this is ingress.
    const seen = (ip: Ip): boolean =>
      ipBlockContains(peer, ip) &&
      (knobs.ipBlockMatchesNodes || !view.isNodeAddress(ip)) &&
      !(
        knobs.ipBlockMatchesPods === 'egress-only' &&
        direction === 'ingress' &&
        view.isPodAddress(ip)
      );
    // An ipBlock matches an address outside the cluster that lies in `cidr` and in none of
    // the `except` blocks (`except` narrows this peer only; it denies nothing elsewhere).
    if (side.kind === 'address') return seen(side.ip);
    // Node traffic (a hostNetwork pod the plugin cannot tell apart) matches by its IPs.
    if (side.kind === 'host') return side.ips.some(seen);
    // Whether it matches a pod by the pod's IPs is left to the plugin (options); a pod with
    // no known IP never matches.
    const pods =
      knobs.ipBlockMatchesPods === true ||
      (knobs.ipBlockMatchesPods === 'egress-only' && direction === 'egress');
    return pods && view.ipsOf(side.pod).some((text) => seen(podIp(side.pod, text)));
  }
  // Pod and namespace selectors match pods only, never an address outside the cluster (nor
  // node traffic).
  if (side.kind !== 'pod') return false;
  const pod = side.pod;
  // Without `namespaceSelector` the peer means pods of the policy's own namespace;
  // `namespaceSelector: {}` means every namespace.
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? pod.namespace === policy.namespace
      : selectorMatches(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace));
  // Without `podSelector` the peer means every pod of the selected namespaces. With both
  // selectors in one peer, the pod must satisfy both (AND).
  const podOk = peer.podSelector === undefined || selectorMatches(peer.podSelector, pod.labels);
  return namespaceOk && podOk;
}

/**
 * The ports a rule opens towards `destination`. Absent or empty `ports` opens every port of
 * every protocol; otherwise the union of its entries.
 */
function rulePorts(
  rule: PolicyRule,
  direction: Direction,
  destination: Side,
  view: PluginView,
  named: boolean,
): PortSet {
  if (rule.ports === undefined || rule.ports.length === 0) return ALL_PORTS;
  return rule.ports.reduce(
    (set, spec) => unionPorts(set, portSpecPorts(spec, direction, destination, view, named)),
    NO_PORTS,
  );
}

function portSpecPorts(
  spec: PortSpec,
  direction: Direction,
  destination: Side,
  view: PluginView,
  named: boolean,
): PortSet {
  const { knobs } = view;
  // A plugin without SCTP enforces no SCTP entry: it opens nothing.
  if (spec.protocol === 'SCTP' && !knobs.sctp) return NO_PORTS;
  // An entry with only `protocol` opens every port of that protocol.
  if (spec.port === undefined) return allPortsOf(spec.protocol);
  // A number opens that port, or `port` to `endPort` inclusive (only `port` where the plugin
  // ignores endPort).
  if (typeof spec.port === 'number') {
    const end = knobs.endPort === 'ignored' ? spec.port : (spec.endPort ?? spec.port);
    return portRange(spec.protocol, spec.port, end);
  }
  // Named ports in egress rules, where the plugin does not resolve them, open nothing.
  if (!named || (direction === 'egress' && knobs.namedPortsInEgress === 'unsupported')) {
    return NO_PORTS;
  }
  // A name opens the container ports of the destination pod with that name and the same
  // protocol (for an ingress rule the destination is the selected pod, for an egress rule the
  // peer); every container that declares the name counts. An address has no named ports.
  if (destination.kind !== 'pod') return NO_PORTS;
  return destination.pod.ports
    .filter((p) => p.name === spec.port && p.protocol === spec.protocol)
    .reduce(
      (set, p) => unionPorts(set, portRange(p.protocol, p.containerPort, p.containerPort)),
      NO_PORTS,
    );
}

function ipBlockContains(block: Extract<Peer, { kind: 'ipBlock' }>, ip: Ip): boolean {
  const inCidr = rangeContains(cidrOf(block.cidr), ip);
  return inCidr && !block.except.some((except) => rangeContains(cidrOf(except), ip));
}

/** Parsed CIDRs, memoised: parsing is a pure function of the text, and the only slow part. */
const cidrs = new Map<string, IpRange>();

function cidrOf(text: string): IpRange {
  let range = cidrs.get(text);
  if (range === undefined) {
    range = parseCidr(text);
    if (range === undefined)
      throw new ReachError('invalid-cluster', `bad CIDR in a policy: ${text}`);
    cidrs.set(text, range);
  }
  return range;
}

function podIp(pod: Pod, text: string): Ip {
  const ip = parseIp(text);
  if (ip === undefined) {
    throw new ReachError('invalid-cluster', `bad IP address of pod ${formatPodRef(pod)}: ${text}`);
  }
  return ip;
}

/**
 * A namespace's labels. Every namespace carries `kubernetes.io/metadata.name`; a namespace
 * missing from `cluster.namespaces` has that label only, as the API server would give it.
 */
function namespaceLabels(cluster: Cluster, name: string): Labels {
  const namespace = cluster.namespaces.find((n) => n.name === name);
  return namespace?.labels ?? new Map([[NAMESPACE_NAME_LABEL, name]]);
}

function resolveEndpoint(cluster: Cluster, endpoint: Endpoint): Side {
  if (isAddress(endpoint)) {
    const ip = parseIp(endpoint.address);
    if (ip === undefined) {
      throw new ReachError('invalid-endpoint', `not an IP address: ${endpoint.address}`);
    }
    return { kind: 'address', ip };
  }
  return { kind: 'pod', pod: findPod(cluster, endpoint) };
}

function findPod(cluster: Cluster, ref: PodRef): Pod {
  const pod = cluster.pods.find((p) => p.namespace === ref.namespace && p.name === ref.name);
  if (pod === undefined)
    throw new ReachError('unknown-pod', `no pod ${formatPodRef(ref)} in the cluster`);
  return pod;
}
