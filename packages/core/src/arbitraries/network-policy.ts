import fc from 'fast-check';
import { labelKey, labelSelector, labelValue } from './labels.js';
import type {
  EgressRuleManifest,
  IngressRuleManifest,
  NetworkPolicyManifest,
  PeerManifest,
  PortManifest,
  SelectorManifest,
} from './manifests.js';
import { protocolArbitrary } from './pod.js';
import type { Pools } from './pools.js';
import { POOLS } from './pools.js';

/** The label the API server puts on every namespace, so namespace selectors may use it. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Constraints of {@link portSpec}, {@link ingressRule} and {@link egressRule}. */
export interface PoolsConstraints {
  /** Where names, ports and addresses come from (default {@link POOLS}). */
  readonly pools?: Pools;
}

/**
 * A NetworkPolicy port entry: protocol only (or nothing: every TCP port), a number, a range
 * with `endPort`, or a container port name; the protocol absent (TCP) or given.
 *
 * @param constraints - see {@link PoolsConstraints}.
 * @returns an arbitrary of port entries as written in a manifest.
 */
export function portSpec(constraints: PoolsConstraints = {}): fc.Arbitrary<PortManifest> {
  const pools = constraints.pools ?? POOLS;
  const proto = fc.option(protocolArbitrary, { nil: undefined });
  const withProtocol = (p: PortManifest, pr: PortManifest['protocol']): PortManifest =>
    pr === undefined ? p : { protocol: pr, ...p };
  const number = fc.constantFrom(...pools.portNumbers);
  return fc.oneof(
    proto.map((pr): PortManifest => withProtocol({}, pr)),
    fc.tuple(proto, number).map(([pr, port]) => withProtocol({ port }, pr)),
    fc
      .tuple(proto, number, fc.integer({ min: 0, max: 400 }))
      .map(([pr, port, span]) => withProtocol({ port, endPort: Math.min(65535, port + span) }, pr)),
    fc
      .tuple(proto, fc.constantFrom(...pools.portNames))
      .map(([pr, port]) => withProtocol({ port }, pr)),
  );
}

/** A peer: a pod selector, a namespace selector, both, or an ipBlock from the pool. */
function peer(pools: Pools): fc.Arbitrary<PeerManifest> {
  const podSelector = labelSelector({
    keys: labelKey({ pool: pools.labelKeys }),
    values: labelValue({ pool: pools.labelValues }),
  });
  const namespaceSelector = labelSelector({
    keys: fc.constantFrom(...pools.namespaceLabelKeys, NAMESPACE_NAME_LABEL),
    values: fc.constantFrom(...pools.namespaceLabelValues, ...pools.namespaces),
  });
  const selectors: fc.Arbitrary<PeerManifest>[] = [
    podSelector.map((s: SelectorManifest) => ({ podSelector: s })),
    namespaceSelector.map((s: SelectorManifest) => ({ namespaceSelector: s })),
    fc.tuple(podSelector, namespaceSelector).map(([p, n]) => ({
      podSelector: p,
      namespaceSelector: n,
    })),
  ];
  if (pools.ipBlocks.length === 0) return fc.oneof(...selectors);
  // One arbitrary per block, no `chain`: shrinking stays within the block and drops exceptions.
  const block = fc.oneof(
    ...pools.ipBlocks.map((b) =>
      fc
        .subarray([...b.except])
        .map(
          (except): PeerManifest =>
            except.length > 0
              ? { ipBlock: { cidr: b.cidr, except } }
              : { ipBlock: { cidr: b.cidr } },
        ),
    ),
  );
  return fc.oneof(...selectors, block);
}

/** A rule's peers and ports, each absent, empty or listed. */
function ruleParts(pools: Pools): fc.Arbitrary<{ peers?: PeerManifest[]; ports?: PortManifest[] }> {
  return fc
    .record(
      {
        peers: fc.array(peer(pools), { maxLength: 3 }),
        ports: fc.array(portSpec({ pools }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    )
    .map((r) => {
      const out: { peers?: PeerManifest[]; ports?: PortManifest[] } = {};
      if (r.peers !== undefined) out.peers = r.peers;
      if (r.ports !== undefined) out.ports = r.ports;
      return out;
    });
}

/**
 * An ingress rule: `from` and `ports` each absent (every source, every port), empty, or listed.
 *
 * @param constraints - see {@link PoolsConstraints}.
 * @returns an arbitrary of ingress rules as written in a manifest.
 */
export function ingressRule(constraints: PoolsConstraints = {}): fc.Arbitrary<IngressRuleManifest> {
  return ruleParts(constraints.pools ?? POOLS).map((r) => {
    const out: IngressRuleManifest = {};
    if (r.peers !== undefined) out.from = r.peers;
    if (r.ports !== undefined) out.ports = r.ports;
    return out;
  });
}

/**
 * An egress rule: `to` and `ports` each absent (every destination, every port), empty, or listed.
 *
 * @param constraints - see {@link PoolsConstraints}.
 * @returns an arbitrary of egress rules as written in a manifest.
 */
export function egressRule(constraints: PoolsConstraints = {}): fc.Arbitrary<EgressRuleManifest> {
  return ruleParts(constraints.pools ?? POOLS).map((r) => {
    const out: EgressRuleManifest = {};
    if (r.peers !== undefined) out.to = r.peers;
    if (r.ports !== undefined) out.ports = r.ports;
    return out;
  });
}

/** Constraints of {@link networkPolicy}. */
export interface NetworkPolicyConstraints {
  /** Fixed namespace (default: drawn from `pools.namespaces`). */
  readonly namespace?: string;
  /** Fixed name (default `np`; {@link cluster} names policies by position). */
  readonly name?: string;
  /** Where names, ports and addresses come from (default {@link POOLS}). */
  readonly pools?: Pools;
  /**
   * Also write rules for a direction that `policyTypes` leaves out (default false). The API
   * server accepts them and ignores them; our loader warns that they have no effect. Turn it
   * on to test that they are ignored.
   */
  readonly withIgnoredRules?: boolean;
}

/**
 * A NetworkPolicy: any pod selector, `policyTypes` absent (defaulted by the loader) or any
 * non-empty subset, and zero to two ingress and egress rules with absent, empty or listed peers
 * and ports.
 *
 * @param constraints - see {@link NetworkPolicyConstraints}.
 * @returns an arbitrary of NetworkPolicy manifests.
 */
export function networkPolicy(
  constraints: NetworkPolicyConstraints = {},
): fc.Arbitrary<NetworkPolicyManifest> {
  const pools = constraints.pools ?? POOLS;
  return fc
    .record({
      namespace:
        constraints.namespace === undefined
          ? fc.constantFrom(...pools.namespaces)
          : fc.constant(constraints.namespace),
      podSelector: labelSelector({
        keys: labelKey({ pool: pools.labelKeys }),
        values: labelValue({ pool: pools.labelValues }),
      }),
      policyTypes: fc.option(
        fc.constantFrom<('Ingress' | 'Egress')[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
        { nil: undefined },
      ),
      ingress: fc.option(fc.array(ingressRule({ pools }), { maxLength: 2 }), { nil: undefined }),
      egress: fc.option(fc.array(egressRule({ pools }), { maxLength: 2 }), { nil: undefined }),
    })
    .map((p): NetworkPolicyManifest => {
      const spec: NetworkPolicyManifest['spec'] = { podSelector: p.podSelector };
      const types = p.policyTypes;
      if (types !== undefined) spec.policyTypes = types;
      const keep = (type: 'Ingress' | 'Egress'): boolean =>
        constraints.withIgnoredRules === true || types === undefined || types.includes(type);
      if (p.ingress !== undefined && keep('Ingress')) spec.ingress = p.ingress;
      if (p.egress !== undefined && keep('Egress')) spec.egress = p.egress;
      return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: constraints.name ?? 'np', namespace: p.namespace },
        spec,
      };
    });
}
