// Small random clusters as manifest text, for the lint and diff properties: few namespaces,
// labels, ports and addresses, so rules overlap, named ports resolve to different numbers on
// different pods, and ipBlocks hold pod IPs.

import fc from 'fast-check';
import type { Cluster, Endpoint, Traffic } from '../../src/model/index.js';
import { parseCluster } from '../../src/parse/index.js';
import type { Engine } from '../../src/query/index.js';

const NAMESPACES = ['a', 'b'] as const;
const NAMESPACE_LABELS: Record<string, string> = { a: 'team: x', b: 'team: y' };

const arbPod = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  app: fc.constantFrom('web', 'api', 'db'),
  tier: fc.option(fc.constantFrom('1', '2'), { nil: undefined }),
  ports: fc
    .tuple(
      fc.constantFrom(
        [],
        ['{name: http, containerPort: 80}'],
        ['{name: http, containerPort: 8080}'],
      ),
      fc.subarray(['{name: dns, containerPort: 53, protocol: UDP}', '{containerPort: 9000}']),
    )
    .map(([http, rest]) => [...http, ...rest]),
  ip: fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.5', '10.0.1.1'), {
    nil: undefined,
  }),
});

const arbSelector = fc.constantFrom(
  '{}',
  '{matchLabels: {app: web}}',
  '{matchLabels: {app: api}}',
  '{matchLabels: {app: db}}',
  '{matchLabels: {tier: "1"}}',
  '{matchExpressions: [{key: app, operator: In, values: [web, api]}]}',
);

const arbPeer = fc.oneof(
  arbSelector.map((s) => `{podSelector: ${s}}`),
  fc
    .constantFrom('{}', '{matchLabels: {team: x}}', '{matchLabels: {team: y}}')
    .map((s) => `{namespaceSelector: ${s}}`),
  fc
    .tuple(fc.constantFrom('{}', '{matchLabels: {team: y}}'), arbSelector)
    .map(([n, p]) => `{namespaceSelector: ${n}, podSelector: ${p}}`),
  fc
    .constantFrom('10.0.0.0/30', '10.0.0.0/16', '0.0.0.0/0', '203.0.113.0/24')
    .map((cidr) => `{ipBlock: {cidr: ${cidr}}}`),
  fc.constant('{ipBlock: {cidr: 10.0.0.0/24, except: [10.0.0.0/31]}}'),
);

const arbPort = fc.constantFrom(
  '{port: 80}',
  '{port: http}',
  '{port: 8000, endPort: 9000}',
  '{protocol: UDP}',
  '{protocol: UDP, port: 53}',
  '{port: 9000}',
  '{protocol: UDP, port: dns}',
);

const arbRule = (peers: 'from' | 'to') =>
  fc
    .record({
      peers: fc.option(fc.array(arbPeer, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      ports: fc.option(fc.array(arbPort, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    })
    .map(({ peers: list, ports }) => {
      const parts: string[] = [];
      if (list) parts.push(`${peers}: [${list.join(', ')}]`);
      if (ports) parts.push(`ports: [${ports.join(', ')}]`);
      return `{${parts.join(', ')}}`;
    });

const arbPolicy = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  podSelector: arbSelector,
  types: fc.constantFrom('[Ingress]', '[Egress]', '[Ingress, Egress]'),
  ingress: fc.array(arbRule('from'), { maxLength: 3 }),
  egress: fc.array(arbRule('to'), { maxLength: 3 }),
});

type PodSpec = typeof arbPod extends fc.Arbitrary<infer T> ? T : never;
type PolicySpec = typeof arbPolicy extends fc.Arbitrary<infer T> ? T : never;

/** The parts of a random cluster, so a test can change some and render both versions. */
export interface RandomCluster {
  readonly pods: readonly PodSpec[];
  readonly policies: readonly PolicySpec[];
}

export const arbRandomCluster: fc.Arbitrary<RandomCluster> = fc.record({
  pods: fc.array(arbPod, { minLength: 1, maxLength: 5 }),
  policies: fc.array(arbPolicy, { maxLength: 4 }),
});

/** A cluster and a variant: some policies dropped or replaced, some pods relabelled. */
export const arbClusterPair: fc.Arbitrary<readonly [RandomCluster, RandomCluster]> = fc
  .tuple(
    arbRandomCluster,
    fc.array(arbPolicy, { maxLength: 2 }),
    fc.array(fc.nat(), { maxLength: 2 }),
    fc.option(fc.tuple(fc.nat(), fc.constantFrom('web', 'api', 'db')), { nil: undefined }),
  )
  .map(([base, extra, drop, relabel]) => {
    const policies = base.policies.filter((_, i) => !drop.includes(i)).concat(extra);
    const pods = base.pods.map((p, i) =>
      relabel && i === relabel[0] % base.pods.length ? { ...p, app: relabel[1] } : p,
    );
    return [base, { pods, policies }] as const;
  });

/** The cluster as one YAML stream. */
export function renderCluster(c: RandomCluster): string {
  const docs: string[] = NAMESPACES.map(
    (n) =>
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}, labels: {${NAMESPACE_LABELS[n]}}}`,
  );
  c.pods.forEach((p, i) => {
    const labels = `app: ${p.app}${p.tier === undefined ? '' : `, tier: "${p.tier}"`}`;
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ${p.namespace}, labels: {${labels}}}\n` +
        `spec: {containers: [{name: c, image: x, ports: [${p.ports.join(', ')}]}]}` +
        (p.ip === undefined ? '' : `\nstatus: {phase: Running, podIP: "${p.ip}"}`),
    );
  });
  c.policies.forEach((p, i) => {
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np${i}, namespace: ${p.namespace}}\n` +
        `spec:\n  podSelector: ${p.podSelector}\n  policyTypes: ${p.types}\n` +
        `  ingress: [${p.ingress.join(', ')}]\n  egress: [${p.egress.join(', ')}]`,
    );
  });
  return docs.join('\n---\n');
}

/** Parses a rendered cluster; the generator only makes valid ones. */
export function loadRandom(c: RandomCluster): Cluster {
  const result = parseCluster(renderCluster(c));
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.cluster;
}

/** Ports that land in every port atom the generator can cut. */
export const SAMPLE_TRAFFIC: readonly Traffic[] = [
  { port: 1 },
  { port: 53 },
  { port: 80 },
  { port: 8000 },
  { port: 8080 },
  { port: 9000 },
  { port: 9001 },
  { port: 53, protocol: 'UDP' },
  { port: 80, protocol: 'UDP' },
  { port: 53, protocol: 'SCTP' },
];

/** Addresses in every IP atom the generator can cut, plus the pod IPs. */
export const SAMPLE_ADDRESSES: readonly string[] = [
  '10.0.0.0',
  '10.0.0.1',
  '10.0.0.2',
  '10.0.0.3',
  '10.0.0.5',
  '10.0.1.1',
  '10.0.255.255',
  '10.1.0.0',
  '203.0.113.9',
  '198.51.100.1',
  '::1',
];

/** Every answer of an engine on the sample ports: pod to pod, pod to address and back. */
export function sampleAnswers(engine: Engine): string[] {
  const out: string[] = [];
  const addresses: Endpoint[] = SAMPLE_ADDRESSES.map((address) => ({ address }));
  for (const t of SAMPLE_TRAFFIC) {
    const label = `${t.protocol ?? 'TCP'}/${t.port}`;
    for (const from of engine.pods) {
      for (const to of [...engine.pods, ...addresses]) {
        if (engine.canReach(from, to, t)) out.push(`${JSON.stringify([from, to])} ${label}`);
      }
    }
    for (const from of addresses) {
      for (const to of engine.pods) {
        if (engine.canReach(from, to, t)) out.push(`${JSON.stringify([from, to])} ${label}`);
      }
    }
  }
  return out;
}

/**
 * What each side decides on the sample ports, from `explain`: the source's egress and the
 * destination's ingress separately, so a rule's effect shows even when the other side denies.
 */
export function sampleSides(engine: Engine): string[] {
  const out: string[] = [];
  const addresses: Endpoint[] = SAMPLE_ADDRESSES.map((address) => ({ address }));
  const pairs: [Endpoint, Endpoint][] = [];
  for (const from of engine.pods) {
    for (const to of [...engine.pods, ...addresses]) pairs.push([from, to]);
  }
  for (const from of addresses) for (const to of engine.pods) pairs.push([from, to]);
  for (const t of SAMPLE_TRAFFIC) {
    for (const [from, to] of pairs) {
      const e = engine.explain(from, to, t);
      out.push(
        `${JSON.stringify([from, to])} ${t.protocol ?? 'TCP'}/${t.port} ` +
          `${e.egress.allowed ? 'E' : '-'}${e.ingress.allowed ? 'I' : '-'}`,
      );
    }
  }
  return out;
}
