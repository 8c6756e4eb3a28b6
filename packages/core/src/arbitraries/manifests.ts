import fc from 'fast-check';
import { POOLS } from './pools.js';

/** A `metadata.labels`-style map. */
export type LabelMap = Record<string, string>;

/** A label selector as written in a manifest. */
export interface SelectorManifest {
  matchLabels?: LabelMap;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

/** A NetworkPolicy port entry as written in a manifest. */
export interface PortManifest {
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  port?: number | string;
  endPort?: number;
}

/** A NetworkPolicy peer as written in a manifest. */
export type PeerManifest =
  | { podSelector?: SelectorManifest; namespaceSelector?: SelectorManifest }
  | { ipBlock: { cidr: string; except?: string[] } };

/** A Namespace manifest. */
export interface NamespaceManifest {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: { name: string; labels?: LabelMap };
}

/** A Pod manifest (only the fields reachability depends on). */
export interface PodManifest {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: { name: string; namespace: string; labels?: LabelMap };
  spec: {
    containers: {
      name: string;
      image: string;
      ports?: { name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
    }[];
  };
  status?: { podIP: string; podIPs: { ip: string }[] };
}

/** A NetworkPolicy manifest. */
export interface NetworkPolicyManifest {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace: string };
  spec: {
    podSelector: SelectorManifest;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: { from?: PeerManifest[]; ports?: PortManifest[] }[];
    egress?: { to?: PeerManifest[]; ports?: PortManifest[] }[];
  };
}

/** A generated cluster: manifests in the order a `kubectl apply -f` would read them. */
export interface ClusterManifests {
  readonly namespaces: readonly NamespaceManifest[];
  readonly pods: readonly PodManifest[];
  readonly policies: readonly NetworkPolicyManifest[];
}

/** Constraints of {@link labelKey} and {@link labelValue}: `pool: false` draws any valid text. */
export interface NameConstraints {
  readonly pool?: readonly string[] | false;
}

const alnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
const middle = `${alnum}-_.ABCDEFGHIJKLMNOPQRSTUVWXYZ`;

/** A name part valid as a label name or value: alphanumeric ends, `-_.` inside, ≤ 63. */
function qualifiedNamePart(maxLength: number): fc.Arbitrary<string> {
  const end = fc.constantFrom(...alnum);
  return fc
    .tuple(end, fc.string({ unit: fc.constantFrom(...middle), maxLength: maxLength - 2 }), end)
    .map(([a, mid, b]) => (mid.length === 0 ? a : `${a}${mid}${b}`));
}

/** A valid label key; from the shared pool unless `pool: false`. */
export function labelKey(constraints: NameConstraints = {}): fc.Arbitrary<string> {
  if (constraints.pool === false) {
    const prefix = fc.option(
      fc
        .array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/), {
          minLength: 1,
          maxLength: 3,
        })
        .map((parts) => parts.join('.')),
      { nil: undefined },
    );
    return fc
      .tuple(prefix, qualifiedNamePart(63))
      .map(([p, name]) => (p === undefined ? name : `${p}/${name}`));
  }
  return fc.constantFrom(...(constraints.pool ?? POOLS.labelKeys));
}

/** A valid label value; from the shared pool unless `pool: false` (then possibly empty). */
export function labelValue(constraints: NameConstraints = {}): fc.Arbitrary<string> {
  if (constraints.pool === false) return fc.oneof(fc.constant(''), qualifiedNamePart(63));
  return fc.constantFrom(...(constraints.pool ?? POOLS.labelValues));
}

/** Constraints of {@link labels}. */
export interface LabelsConstraints {
  readonly keys?: fc.Arbitrary<string>;
  readonly values?: fc.Arbitrary<string>;
  readonly maxSize?: number;
}

/** A label map (possibly empty). */
export function labels(constraints: LabelsConstraints = {}): fc.Arbitrary<LabelMap> {
  const keys = constraints.keys ?? labelKey();
  const values = constraints.values ?? labelValue();
  return fc
    .uniqueArray(fc.tuple(keys, values), {
      selector: ([k]) => k,
      maxLength: constraints.maxSize ?? 3,
    })
    .map((entries) => {
      const out: LabelMap = {};
      for (const [k, v] of entries)
        Object.defineProperty(out, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    });
}

/**
 * A label selector with matchLabels and matchExpressions of all four operators. Biased towards
 * selectors that match something: empty (`{}`) and single-label selectors come often.
 */
export function labelSelector(constraints: LabelsConstraints = {}): fc.Arbitrary<SelectorManifest> {
  const keys = constraints.keys ?? labelKey();
  const values = constraints.values ?? labelValue();
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<SelectorManifest>({}) },
    {
      weight: 2,
      arbitrary: fc.tuple(keys, values).map(([k, v]): SelectorManifest => {
        const matchLabels: LabelMap = {};
        Object.defineProperty(matchLabels, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return { matchLabels };
      }),
    },
    { weight: 3, arbitrary: anySelector(keys, values, constraints.maxSize ?? 2) },
  );
}

function anySelector(
  keys: fc.Arbitrary<string>,
  values: fc.Arbitrary<string>,
  maxSize: number,
): fc.Arbitrary<SelectorManifest> {
  const expression = fc.oneof(
    fc.record({
      key: keys,
      operator: fc.constantFrom('In' as const, 'NotIn' as const),
      values: fc.uniqueArray(values, { minLength: 1, maxLength: 2 }),
    }),
    fc.record({ key: keys, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
  );
  return fc
    .record(
      {
        matchLabels: labels({ keys, values, maxSize }),
        matchExpressions: fc.array(expression, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((s) => {
      const out: SelectorManifest = {};
      if (s.matchLabels !== undefined) out.matchLabels = s.matchLabels;
      if (s.matchExpressions !== undefined) out.matchExpressions = s.matchExpressions;
      return out;
    });
}

/** Constraints of {@link namespace}. */
export interface NamespaceConstraints {
  readonly names?: readonly string[];
}

/** A Namespace, named from the pool, with labels from the namespace label pool. */
export function namespace(constraints: NamespaceConstraints = {}): fc.Arbitrary<NamespaceManifest> {
  return fc
    .tuple(
      fc.constantFrom(...(constraints.names ?? POOLS.namespaces)),
      labels({
        keys: fc.constantFrom(...POOLS.namespaceLabelKeys),
        values: fc.constantFrom(...POOLS.namespaceLabelValues),
        maxSize: 2,
      }),
    )
    .map(([name, nsLabels]) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: Object.keys(nsLabels).length > 0 ? { name, labels: nsLabels } : { name },
    }));
}

const protocol = fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const);

/** Container ports are mostly TCP, as in real clusters, so named ports resolve often. */
const containerProtocol = fc.oneof(
  { weight: 3, arbitrary: fc.constant('TCP' as const) },
  { weight: 1, arbitrary: protocol },
);

/** Constraints of {@link pod}. */
export interface PodConstraints {
  readonly namespace?: string;
  readonly name?: string;
  readonly labels?: fc.Arbitrary<LabelMap>;
  /** Whether the pod may get an IP from the pool (default true). */
  readonly withIp?: boolean;
}

/**
 * A Pod with labels, one or two containers whose ports carry names from the shared pool (the
 * same name may map to different numbers on different pods), and an optional IP.
 */
export function pod(constraints: PodConstraints = {}): fc.Arbitrary<PodManifest> {
  const containerPort = fc.record({
    name: fc.option(fc.constantFrom(...POOLS.portNames), { nil: undefined }),
    containerPort: fc.constantFrom(...POOLS.portNumbers),
    protocol: containerProtocol,
  });
  const container = fc
    .uniqueArray(containerPort, {
      maxLength: 3,
      // Within a container, names and number/protocol pairs are unique (API validation).
      selector: (p) => p.name ?? `${p.containerPort}/${p.protocol}`,
    })
    .filter((ps) => new Set(ps.map((p) => `${p.containerPort}/${p.protocol}`)).size === ps.length);
  return fc
    .record({
      namespace: constraints.namespace
        ? fc.constant(constraints.namespace)
        : fc.constantFrom(...POOLS.namespaces),
      name: constraints.name ? fc.constant(constraints.name) : fc.constantFrom('p0'),
      labels: constraints.labels ?? labels(),
      containers: fc.array(container, { minLength: 1, maxLength: 2 }),
      ip:
        constraints.withIp === false
          ? fc.constant(undefined)
          : fc.option(fc.constantFrom(...POOLS.podIps), { nil: undefined }),
    })
    .map((p): PodManifest => {
      const manifest: PodManifest = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
        spec: {
          containers: p.containers.map((ports, i) => ({
            name: `c${i}`,
            image: 'registry.example/app:1',
            ports: ports.map((port) => {
              const out: {
                name?: string;
                containerPort: number;
                protocol: 'TCP' | 'UDP' | 'SCTP';
              } = {
                containerPort: port.containerPort,
                protocol: port.protocol,
              };
              if (port.name !== undefined) out.name = port.name;
              return out;
            }),
          })),
        },
      };
      if (p.ip !== undefined) manifest.status = { podIP: p.ip, podIPs: [{ ip: p.ip }] };
      return manifest;
    });
}

/** A NetworkPolicy port entry: protocol only, a number, a range with endPort, or a name. */
export function portSpec(): fc.Arbitrary<PortManifest> {
  const proto = fc.option(protocol, { nil: undefined });
  const withProtocol = (p: PortManifest, pr: PortManifest['protocol']): PortManifest =>
    pr === undefined ? p : { protocol: pr, ...p };
  return fc.oneof(
    proto.map((pr): PortManifest => (pr === undefined ? { protocol: 'TCP' } : { protocol: pr })),
    fc
      .tuple(proto, fc.constantFrom(...POOLS.portNumbers))
      .map(([pr, port]) => withProtocol({ port }, pr)),
    fc
      .tuple(proto, fc.constantFrom(...POOLS.portNumbers), fc.integer({ min: 0, max: 400 }))
      .map(([pr, port, span]) => withProtocol({ port, endPort: Math.min(65535, port + span) }, pr)),
    fc
      .tuple(proto, fc.constantFrom(...POOLS.portNames))
      .map(([pr, port]) => withProtocol({ port }, pr)),
  );
}

/** Constraints of {@link cidr}. */
export interface CidrConstraints {
  readonly family?: 4 | 6;
}

/** A valid CIDR in canonical form (network address, no host bits). */
export function cidr(constraints: CidrConstraints = {}): fc.Arbitrary<string> {
  const v4 = fc
    .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
    .map(([addr, prefix]) => {
      const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
      const network = (addr & mask) >>> 0;
      return `${[24, 16, 8, 0].map((s) => (network >>> s) & 255).join('.')}/${prefix}`;
    });
  const v6 = fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
      fc.integer({ min: 0, max: 128 }),
    )
    .map(([groups, prefix]) => {
      let value = 0n;
      for (const g of groups) value = (value << 16n) | BigInt(g);
      const mask = prefix === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n);
      const network = value & mask;
      const parts: string[] = [];
      for (let i = 7; i >= 0; i--) parts.push(((network >> BigInt(i * 16)) & 0xffffn).toString(16));
      return `${parts.join(':')}/${prefix}`;
    });
  if (constraints.family === 4) return v4;
  if (constraints.family === 6) return v6;
  return fc.oneof(v4, v6);
}

function peer(): fc.Arbitrary<PeerManifest> {
  const selector = labelSelector();
  const nsSelector = labelSelector({
    keys: fc.constantFrom(...POOLS.namespaceLabelKeys, 'kubernetes.io/metadata.name'),
    values: fc.constantFrom(...POOLS.namespaceLabelValues, ...POOLS.namespaces),
  });
  const block = fc
    .constantFrom(...POOLS.ipBlocks)
    .chain((b) =>
      fc
        .subarray([...b.except])
        .map((except) =>
          except.length > 0 ? { ipBlock: { cidr: b.cidr, except } } : { ipBlock: { cidr: b.cidr } },
        ),
    );
  return fc.oneof(
    selector.map((podSelector) => ({ podSelector })),
    nsSelector.map((namespaceSelector) => ({ namespaceSelector })),
    fc
      .tuple(selector, nsSelector)
      .map(([podSelector, namespaceSelector]) => ({ podSelector, namespaceSelector })),
    block,
  );
}

function rule(): fc.Arbitrary<{ peers?: PeerManifest[]; ports?: PortManifest[] }> {
  return fc
    .record(
      { peers: fc.array(peer(), { maxLength: 3 }), ports: fc.array(portSpec(), { maxLength: 3 }) },
      { requiredKeys: [] },
    )
    .map((r) => {
      const out: { peers?: PeerManifest[]; ports?: PortManifest[] } = {};
      if (r.peers !== undefined) out.peers = r.peers;
      if (r.ports !== undefined) out.ports = r.ports;
      return out;
    });
}

/** Constraints of {@link networkPolicy}. */
export interface NetworkPolicyConstraints {
  readonly namespace?: string;
  readonly name?: string;
}

/**
 * A NetworkPolicy: any pod selector, `policyTypes` absent (defaulted by the loader) or any
 * non-empty subset, zero to two ingress and egress rules with absent, empty or listed peers
 * and ports.
 */
export function networkPolicy(
  constraints: NetworkPolicyConstraints = {},
): fc.Arbitrary<NetworkPolicyManifest> {
  return fc
    .record({
      namespace: constraints.namespace
        ? fc.constant(constraints.namespace)
        : fc.constantFrom(...POOLS.namespaces),
      podSelector: labelSelector(),
      policyTypes: fc.option(
        fc.constantFrom<('Ingress' | 'Egress')[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
        { nil: undefined },
      ),
      ingress: fc.option(fc.array(rule(), { maxLength: 2 }), { nil: undefined }),
      egress: fc.option(fc.array(rule(), { maxLength: 2 }), { nil: undefined }),
    })
    .map((p): NetworkPolicyManifest => {
      const spec: NetworkPolicyManifest['spec'] = { podSelector: p.podSelector };
      if (p.policyTypes !== undefined) spec.policyTypes = p.policyTypes;
      if (p.ingress !== undefined) {
        spec.ingress = p.ingress.map((r) => {
          const out: { from?: PeerManifest[]; ports?: PortManifest[] } = {};
          if (r.peers !== undefined) out.from = r.peers;
          if (r.ports !== undefined) out.ports = r.ports;
          return out;
        });
      }
      if (p.egress !== undefined) {
        spec.egress = p.egress.map((r) => {
          const out: { to?: PeerManifest[]; ports?: PortManifest[] } = {};
          if (r.peers !== undefined) out.to = r.peers;
          if (r.ports !== undefined) out.ports = r.ports;
          return out;
        });
      }
      return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: constraints.name ?? 'np', namespace: p.namespace },
        spec,
      };
    });
}

/** Constraints of {@link cluster}. */
export interface ClusterConstraints {
  readonly minPods?: number;
  readonly maxPods?: number;
  readonly maxPolicies?: number;
}

/**
 * A small cluster: namespaces from the pool (with labels), pods spread over them with unique
 * names, and policies. Names are assigned by position, so they are unique and shrink well.
 */
export function cluster(constraints: ClusterConstraints = {}): fc.Arbitrary<ClusterManifests> {
  return fc
    .record({
      namespaces: fc.uniqueArray(namespace(), { selector: (n) => n.metadata.name, maxLength: 3 }),
      pods: fc.array(pod(), {
        minLength: constraints.minPods ?? 1,
        maxLength: constraints.maxPods ?? 6,
      }),
      policies: fc.array(networkPolicy(), { maxLength: constraints.maxPolicies ?? 5 }),
    })
    .map(({ namespaces, pods, policies }) => {
      const usedIps = new Set<string>();
      return {
        namespaces,
        pods: pods.map((p, i) => {
          const named: PodManifest = { ...p, metadata: { ...p.metadata, name: `pod-${i}` } };
          // Keep pod IPs unique, as a cluster's IPAM would.
          const ip = p.status?.podIP;
          if (ip !== undefined) {
            if (usedIps.has(ip)) delete named.status;
            else usedIps.add(ip);
          }
          return named;
        }),
        policies: policies.map((p, i) => ({
          ...p,
          metadata: { ...p.metadata, name: `policy-${i}` },
        })),
      };
    });
}

/** A connection to ask about: pods by `namespace/name`, or addresses. */
export interface Flow {
  readonly from: { namespace: string; name: string } | { address: string };
  readonly to: { namespace: string; name: string } | { address: string };
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** A port to ask about: pool numbers, range edges, or anything. */
export function trafficPort(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...POOLS.portNumbers) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(1, 54, 79, 81, 442, 444, 8079, 8081, 8480, 9490, 65535),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  );
}

/** A flow between pods of the cluster and pool addresses. */
export function flow(c: ClusterManifests): fc.Arbitrary<Flow> {
  const endpoints = [
    ...c.pods.map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name })),
    ...POOLS.addresses.map((address) => ({ address })),
  ];
  const endpoint = fc.constantFrom(...endpoints);
  return fc.record({ from: endpoint, to: endpoint, port: trafficPort(), protocol });
}

/** Constraints of {@link podIn}. */
export interface PodInConstraints {
  readonly namespace?: string;
  readonly labels?: LabelMap;
}

/**
 * Any pod that could be added to the cluster: in the given namespace, carrying at least the
 * given labels, with a name no pod of the cluster has.
 */
export function podIn(
  c: ClusterManifests,
  constraints: PodInConstraints = {},
): fc.Arbitrary<PodManifest> {
  const taken = new Set(c.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
  let n = 0;
  while (taken.has(`${constraints.namespace ?? ''}/added-${n}`)) n++;
  const fixed = constraints.labels ?? {};
  return pod({
    name: `added-${n}`,
    ...(constraints.namespace === undefined ? {} : { namespace: constraints.namespace }),
    labels: labels().map((extra) => ({ ...extra, ...fixed })),
    withIp: false,
  }).map((p) =>
    constraints.namespace === undefined && taken.has(`${p.metadata.namespace}/${p.metadata.name}`)
      ? { ...p, metadata: { ...p.metadata, name: `added-${n}-${p.metadata.namespace}` } }
      : p,
  );
}

/** Every manifest of a generated cluster, as one `kind: List` (JSON is valid YAML). */
export function clusterToList(c: ClusterManifests): {
  apiVersion: 'v1';
  kind: 'List';
  items: object[];
} {
  return { apiVersion: 'v1', kind: 'List', items: [...c.namespaces, ...c.pods, ...c.policies] };
}
