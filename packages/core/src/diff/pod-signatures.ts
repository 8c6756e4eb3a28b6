import type { AddressAtoms, IpBlock } from '../compile/index.js';
import { buildAddressAtoms, podAddressAtoms } from '../compile/index.js';
import type {
  Cluster,
  LabelSelector,
  Labels,
  NetworkPolicy,
  Peer,
  Pod,
  PolicyRule,
} from '../model/index.js';
import { NAMESPACE_NAME_LABEL } from '../model/index.js';
import { knobsOf } from '../profiles/index.js';
import type { Engine } from '../query/index.js';
import { LabelIndex } from '../select/index.js';

/**
 * What decides a pod's connections, as comparable text. The engine answers a connection from
 * pod `a` to pod `b` from: the policies that select `a` for egress and their rules, matched
 * against `b`'s namespace, namespace labels, labels, IPs and named ports; and the policies
 * that select `b` for ingress, matched against the same of `a` (named ports on `b`). So when
 * `a` has the same attributes and egress policies on both sides, and `b` the same attributes
 * and ingress policies, the connection is the same on both sides. Texts only need to be equal
 * when the meaning is: a difference that changes nothing merely costs a re-evaluation.
 *
 * Only what some policy of either side can look at is recorded (see {@link Vocabulary}):
 * label keys a selector names, named ports a rule uses, and a pod's IPs as the atoms of the
 * address space cut at every ipBlock. Most pods then share their attributes with their
 * replicas, which is what makes evaluating one pod per distinct signature cheap.
 */
export interface PodSignatures {
  /** `namespace/name` of each engine pod, in the engine's order. */
  readonly names: readonly string[];
  /** Namespace, namespace labels, labels, ports, ipBlock atoms and kind of each pod. */
  readonly attributes: readonly string[];
  /** The policies selecting each pod for egress (interned ids), and for ingress. */
  readonly egress: readonly string[];
  readonly ingress: readonly string[];
  /** Whether some policy selects the pod for ingress / egress. */
  readonly isolated: { readonly ingress: readonly boolean[]; readonly egress: readonly boolean[] };
}

function labelsText(labels: Labels, keys?: ReadonlySet<string>): unknown[] {
  return [...labels]
    .filter(([key]) => keys === undefined || keys.has(key))
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function selectorText(selector: LabelSelector | undefined): unknown {
  if (selector === undefined) return null;
  return [
    labelsText(selector.matchLabels),
    selector.matchExpressions.map((r) => [r.key, r.operator, [...r.values].sort()]),
  ];
}

function peerText(peer: Peer): unknown {
  return peer.kind === 'ipBlock'
    ? ['ip', peer.cidr, [...peer.except].sort()]
    : ['pods', selectorText(peer.namespaceSelector), selectorText(peer.podSelector)];
}

function ruleText(rule: PolicyRule): unknown {
  return [
    rule.peers === undefined || rule.peers.length === 0 ? null : rule.peers.map(peerText),
    rule.ports === undefined || rule.ports.length === 0
      ? null
      : rule.ports.map((p) => [p.protocol, p.port ?? null, p.endPort ?? null]),
  ];
}

/**
 * What the policies of both sides can look at: the pod label keys and namespace label keys
 * their selectors name, the named ports their rules use, and the address space cut at every
 * ipBlock. A selector only reads the keys it names, and a pod's IP only matters through the
 * ipBlocks holding it, so pods that agree on these are indistinguishable to every policy.
 */
export interface Vocabulary {
  readonly podKeys: ReadonlySet<string>;
  readonly namespaceKeys: ReadonlySet<string>;
  readonly portNames: ReadonlySet<string>;
  readonly addresses: AddressAtoms;
}

function selectorKeys(selector: LabelSelector | undefined, into: Set<string>): void {
  if (selector === undefined) return;
  for (const key of selector.matchLabels.keys()) into.add(key);
  for (const r of selector.matchExpressions) into.add(r.key);
}

/** The vocabulary of the given clusters' policies. */
export function vocabulary(clusters: readonly Cluster[]): Vocabulary {
  const podKeys = new Set<string>();
  const namespaceKeys = new Set<string>();
  const portNames = new Set<string>();
  for (const cluster of clusters) {
    for (const policy of cluster.policies) {
      selectorKeys(policy.podSelector, podKeys);
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const peer of rule.peers ?? []) {
          if (peer.kind !== 'pods') continue;
          selectorKeys(peer.podSelector, podKeys);
          selectorKeys(peer.namespaceSelector, namespaceKeys);
        }
        for (const port of rule.ports ?? []) {
          if (typeof port.port === 'string') portNames.add(`${port.protocol}/${port.port}`);
        }
      }
    }
  }
  return { podKeys, namespaceKeys, portNames, addresses: ipBlockAtoms(clusters) };
}

/** The address space cut at every ipBlock of the given clusters' policies (the compiler's stage). */
function ipBlockAtoms(clusters: readonly Cluster[]): AddressAtoms {
  const blocks: IpBlock[] = [];
  for (const cluster of clusters) {
    for (const policy of cluster.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const peer of rule.peers ?? []) if (peer.kind === 'ipBlock') blocks.push(peer);
      }
    }
  }
  return buildAddressAtoms(blocks);
}

/** A policy's meaning as text: everything but its name and source. */
export function policyText(policy: NetworkPolicy): string {
  return JSON.stringify([
    policy.namespace,
    selectorText(policy.podSelector),
    [...policy.policyTypes].sort(),
    policy.ingress.map(ruleText),
    policy.egress.map(ruleText),
  ]);
}

/**
 * Signatures of every pod of an engine compiled from `cluster`. `intern` gives each distinct
 * policy text one id, and `vocabulary` (of both sides) says what policies can see: share
 * both between the two sides so their signatures compare.
 */
/**
 * Whether pod signatures may stand in for asking the engines: both sides compiled with the same
 * semantics, under a plugin that enforces NetworkPolicy (else no policy isolates anything), and
 * without admin policies (they select pods across namespaces and match them by IP, which the
 * signatures do not capture).
 * @param before - the engine of the base manifests
 * @param after - the engine of the changed manifests
 * @param clusters - their clusters
 */
export function signaturesApply(
  before: Engine,
  after: Engine,
  clusters: { readonly before: Cluster; readonly after: Cluster },
): boolean {
  if (JSON.stringify(before.options) !== JSON.stringify(after.options)) return false;
  if (!knobsOf(before.options).enforcesNetworkPolicy) return false;
  return (
    (clusters.before.adminPolicies?.length ?? 0) === 0 &&
    (clusters.after.adminPolicies?.length ?? 0) === 0
  );
}

export function podSignatures(
  cluster: Cluster,
  engine: Engine,
  intern: Map<string, number>,
  vocabulary: Vocabulary,
): PodSignatures {
  const { addresses, podKeys, namespaceKeys, portNames } = vocabulary;
  const byName = new Map<string, Pod>(cluster.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const pods = engine.pods.map((ref) => byName.get(`${ref.namespace}/${ref.name}`) as Pod);
  const names = engine.pods.map((ref) => `${ref.namespace}/${ref.name}`);
  const namespaceLabels = new Map<string, string>();
  for (const ns of cluster.namespaces) {
    namespaceLabels.set(ns.name, JSON.stringify(labelsText(ns.labels, namespaceKeys)));
  }
  // Where each pod's IPs fall among the ipBlocks, whatever the semantics say: a pod whose IPs
  // moved is re-evaluated in any case.
  const atomsOfPod = podAddressAtoms(pods, addresses, true);
  // Own-node traffic is exempt per node (the CNI profiles' knobs): pods on a node that has
  // addresses or host-network pods answer as that node's pods, so the node is part of them.
  const addressedNodes = new Set<string>([
    ...(cluster.nodes ?? []).filter((n) => n.addresses.length > 0).map((n) => n.name),
    ...cluster.pods.flatMap((p) => (p.hostNetwork && p.nodeName ? [p.nodeName] : [])),
  ]);
  const attributes = pods.map((pod, i) =>
    JSON.stringify([
      pod.namespace,
      namespaceLabels.get(pod.namespace) ??
        JSON.stringify(labelsText(new Map([[NAMESPACE_NAME_LABEL, pod.namespace]]), namespaceKeys)),
      labelsText(pod.labels, podKeys),
      pod.ports
        .filter((p) => portNames.has(`${p.protocol}/${p.name ?? ''}`))
        .map((p) => `${p.protocol}/${p.name}=${p.containerPort}`)
        .sort(),
      atomsOfPod[i],
      pod.fromTemplate,
      pod.hostNetwork,
      pod.nodeName !== undefined && addressedNodes.has(pod.nodeName) ? pod.nodeName : null,
    ]),
  );

  const index = new LabelIndex(pods.map((pod) => pod.labels));
  const egress: number[][] = pods.map(() => []);
  const ingress: number[][] = pods.map(() => []);
  for (const policy of cluster.policies) {
    const text = policyText(policy);
    let id = intern.get(text);
    if (id === undefined) {
      id = intern.size;
      intern.set(text, id);
    }
    const policyId = id;
    const types = policy.policyTypes;
    index.select(policy.podSelector).forEach((i) => {
      if (pods[i]?.namespace !== policy.namespace) return;
      if (types.includes('Egress')) egress[i]?.push(policyId);
      if (types.includes('Ingress')) ingress[i]?.push(policyId);
    });
  }
  const text = (ids: number[]): string => ids.sort((a, b) => a - b).join(',');
  const hostNetworkSubjects = knobsOf(engine.options).hostNetworkSubjects;
  const subject = (i: number): boolean => hostNetworkSubjects || pods[i]?.hostNetwork !== true;
  return {
    names,
    attributes,
    egress: egress.map(text),
    ingress: ingress.map(text),
    // A host-network pod is a policy subject only where the plugin makes it one.
    isolated: {
      ingress: ingress.map((ids, i) => ids.length > 0 && subject(i)),
      egress: egress.map((ids, i) => ids.length > 0 && subject(i)),
    },
  };
}
