import fc from 'fast-check';
import { labelSelector } from './labels.js';
import type { LabelMap, SelectorManifest } from './manifests.js';
import type { Pools } from './pools.js';
import { POOLS } from './pools.js';

/** Constraints of {@link adminPolicies}. */
export interface AdminPoliciesConstraints {
  /** Most admin policies (default 4). */
  readonly maxPolicies?: number;
  /** Most rules per direction (default 3). */
  readonly maxRules?: number;
  /** Where names, labels, ports and addresses come from (default {@link POOLS}). */
  readonly pools?: Pools;
}

/** Generated admin policy objects and the Node objects their `nodes` peers can select. */
export interface AdminManifests {
  /** ClusterNetworkPolicies (v1alpha2), AdminNetworkPolicies and a BaselineAdminNetworkPolicy. */
  readonly adminPolicies: readonly object[];
  readonly nodes: readonly object[];
}

/** The labels generated Nodes carry and `nodes` peers select on. */
const NODE_ROLES = ['worker', 'control-plane'] as const;

function namespaceSelector(pools: Pools): fc.Arbitrary<SelectorManifest> {
  return fc.oneof(
    fc.constant({}),
    fc
      .constantFrom(...pools.namespaces)
      .map((name) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } })),
    labelSelector({
      keys: fc.constantFrom(...pools.namespaceLabelKeys),
      values: fc.constantFrom(...pools.namespaceLabelValues),
    }),
  );
}

function podSelector(pools: Pools): fc.Arbitrary<SelectorManifest> {
  return labelSelector({
    keys: fc.constantFrom(...pools.labelKeys),
    values: fc.constantFrom(...pools.labelValues),
  });
}

/** `namespaces` or `pods`: a subject, and a peer in both directions. */
function podsOrNamespaces(pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    namespaceSelector(pools).map((s) => ({ namespaces: s })),
    fc
      .record({ namespaceSelector: namespaceSelector(pools), podSelector: podSelector(pools) })
      .map((pods) => ({ pods })),
  );
}

/** CIDRs over pod IPs and outside addresses: the pools' blocks, their excepts, single IPs. */
function networks(pools: Pools): fc.Arbitrary<string[]> {
  const cidrs = [
    ...pools.ipBlocks.flatMap((b) => [b.cidr, ...b.except]),
    ...pools.podIps.map((ip) => `${ip}/${ip.includes(':') ? 128 : 32}`),
  ];
  return fc.uniqueArray(fc.constantFrom(...cidrs), { minLength: 1, maxLength: 2 });
}

interface RuleShape {
  readonly action: 'Accept' | 'Deny' | 'Pass';
  readonly peers: readonly Record<string, unknown>[];
  /** Absent: every port. */
  readonly ports?: readonly (
    | { readonly kind: 'number'; readonly protocol: 'TCP' | 'UDP'; readonly port: number }
    | { readonly kind: 'range'; readonly start: number; readonly end: number }
    | { readonly kind: 'named'; readonly name: string }
  )[];
}

function rule(pools: Pools, direction: 'ingress' | 'egress'): fc.Arbitrary<RuleShape> {
  const selectorPeer = podsOrNamespaces(pools);
  const addressPeer = fc.oneof(
    networks(pools).map((list) => ({ networks: list })),
    fc
      .constantFrom(...NODE_ROLES)
      .map((role) => ({ nodes: { matchLabels: { 'example.com/role': role } } })),
  );
  const numeric = fc.oneof(
    fc.record({
      kind: fc.constant('number' as const),
      protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
      port: fc.constantFrom(...pools.portNumbers),
    }),
    fc
      .tuple(fc.constantFrom(...pools.portNumbers), fc.constantFrom(...pools.portNumbers))
      .filter(([a, b]) => a < b)
      .map(([start, end]) => ({ kind: 'range' as const, start, end })),
  );
  const named = fc
    .constantFrom(...pools.portNames)
    .map((name) => ({ kind: 'named' as const, name }));
  const action = fc.constantFrom('Accept' as const, 'Deny' as const, 'Pass' as const);
  // Named ports may not share a rule with networks or nodes peers (the CRDs' CEL rule).
  const withSelectors = fc.record(
    {
      action,
      peers: fc.array(selectorPeer, { minLength: 1, maxLength: 2 }),
      ports: fc.array(fc.oneof(numeric, named), { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['action', 'peers'] },
  );
  if (direction === 'ingress') return withSelectors;
  const withAddresses = fc.record(
    {
      action,
      peers: fc.array(fc.oneof(selectorPeer, addressPeer), { minLength: 1, maxLength: 2 }),
      ports: fc.array(numeric, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['action', 'peers'] },
  );
  return fc.oneof(withSelectors, withAddresses);
}

function v1alpha2Rule(shape: RuleShape, direction: 'ingress' | 'egress', i: number): object {
  return {
    name: `rule-${i}`,
    action: shape.action,
    [direction === 'ingress' ? 'from' : 'to']: shape.peers,
    ...(shape.ports === undefined
      ? {}
      : {
          protocols: shape.ports.map((p) => {
            if (p.kind === 'named') return { destinationNamedPort: p.name };
            if (p.kind === 'number') {
              return { [p.protocol.toLowerCase()]: { destinationPort: { number: p.port } } };
            }
            return { tcp: { destinationPort: { range: { start: p.start, end: p.end } } } };
          }),
        }),
  };
}

function v1alpha1Rule(shape: RuleShape, direction: 'ingress' | 'egress', i: number): object {
  return {
    name: `rule-${i}`,
    action: shape.action === 'Accept' ? 'Allow' : shape.action,
    [direction === 'ingress' ? 'from' : 'to']: shape.peers,
    ...(shape.ports === undefined
      ? {}
      : {
          ports: shape.ports.map((p) => {
            if (p.kind === 'named') return { namedPort: p.name };
            if (p.kind === 'number') {
              return { portNumber: { protocol: p.protocol, port: p.port } };
            }
            return { portRange: { protocol: 'TCP', start: p.start, end: p.end } };
          }),
        }),
  };
}

/**
 * Admin policies of both API versions and both tiers, with few distinct priorities (so ties
 * happen), rules of every action in random order, overlapping selectors, `networks` over pod
 * IPs and outside addresses, `nodes` peers, numeric, range and named ports; and two Nodes whose
 * addresses are pool pod IPs (the IPs host-network pods get) and outside addresses.
 *
 * @param constraints - see {@link AdminPoliciesConstraints}.
 * @returns an arbitrary of admin manifests, valid for the parser.
 */
export function adminPolicies(
  constraints: AdminPoliciesConstraints = {},
): fc.Arbitrary<AdminManifests> {
  const pools = constraints.pools ?? POOLS;
  const maxRules = constraints.maxRules ?? 3;
  const policy = fc.record({
    kind: fc.constantFrom('cnp-admin', 'cnp-baseline', 'anp', 'banp'),
    priority: fc.constantFrom(0, 1, 5),
    subject: podsOrNamespaces(pools),
    ingress: fc.array(rule(pools, 'ingress'), { maxLength: maxRules }),
    egress: fc.array(rule(pools, 'egress'), { maxLength: maxRules }),
  });
  const node = (name: string, role: string): fc.Arbitrary<object> =>
    fc
      .uniqueArray(fc.constantFrom(...pools.podIps, ...pools.addresses), {
        minLength: 1,
        maxLength: 2,
      })
      .map((ips) => ({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels: { 'example.com/role': role } as LabelMap },
        status: { addresses: ips.map((address) => ({ type: 'InternalIP', address })) },
      }));
  return fc
    .record({
      policies: fc.array(policy, { maxLength: constraints.maxPolicies ?? 4 }),
      nodes: fc.tuple(node('node-0', 'worker'), node('node-1', 'control-plane')),
    })
    .map(({ policies, nodes }) => {
      let banp = false;
      const out: object[] = [];
      policies.forEach((p, i) => {
        if (p.kind === 'banp') {
          // Only one BaselineAdminNetworkPolicy, named default; it has no Pass.
          if (banp) return;
          banp = true;
          const noPass = (r: RuleShape): RuleShape =>
            r.action === 'Pass' ? { ...r, action: 'Deny' } : r;
          out.push({
            apiVersion: 'policy.networking.k8s.io/v1alpha1',
            kind: 'BaselineAdminNetworkPolicy',
            metadata: { name: 'default' },
            spec: {
              subject: p.subject,
              ingress: p.ingress.map((r, j) => v1alpha1Rule(noPass(r), 'ingress', j)),
              egress: p.egress.map((r, j) => v1alpha1Rule(noPass(r), 'egress', j)),
            },
          });
          return;
        }
        const v1 = p.kind === 'anp';
        const make = v1 ? v1alpha1Rule : v1alpha2Rule;
        out.push({
          apiVersion: `policy.networking.k8s.io/${v1 ? 'v1alpha1' : 'v1alpha2'}`,
          kind: v1 ? 'AdminNetworkPolicy' : 'ClusterNetworkPolicy',
          metadata: { name: `admin-${i}` },
          spec: {
            ...(v1 ? {} : { tier: p.kind === 'cnp-admin' ? 'Admin' : 'Baseline' }),
            priority: p.priority,
            subject: p.subject,
            ingress: p.ingress.map((r, j) => make(r, 'ingress', j)),
            egress: p.egress.map((r, j) => make(r, 'egress', j)),
          },
        });
      });
      return { adminPolicies: out, nodes };
    });
}
