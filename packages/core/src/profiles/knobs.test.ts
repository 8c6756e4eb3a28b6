// Each knob: a case where setting it changes the answer, checked on the compiled engine and on
// the reference evaluator, under `spec` and with the knob set.

import { describe, expect, it } from 'vitest';
import type { AdminPolicy, Endpoint, SemanticsOptions, Traffic } from '../model/index.js';
import { loadCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { referenceCanReach } from '../reference/index.js';
import { adminApplies } from './apply-profile.js';
import { knobsOf } from './resolve.js';

const BASE = `
apiVersion: v1
kind: Node
metadata: {name: n1}
status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
---
apiVersion: v1
kind: Node
metadata: {name: n2}
status: {addresses: [{type: InternalIP, address: 10.0.0.12}]}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: shop, labels: {app: a}}
spec: {nodeName: n1, containers: [{name: c}]}
status: {podIPs: [{ip: 10.0.1.1}, {ip: 'fd00::1'}], podIP: 10.0.1.1}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: shop, labels: {app: b}}
spec: {nodeName: n1, containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.0.1.2}
---
apiVersion: v1
kind: Pod
metadata: {name: h2, namespace: shop, labels: {app: h}}
spec: {nodeName: n2, hostNetwork: true, containers: [{name: c}]}
status: {podIP: 10.0.0.12}
`;

const policy = (name: string, spec: string): string =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec: ${spec}\n`;

const DENY_B = policy('deny-b', '{podSelector: {matchLabels: {app: b}}, policyTypes: [Ingress]}');
const DENY_A_EGRESS = policy(
  'deny-a',
  '{podSelector: {matchLabels: {app: a}}, policyTypes: [Egress]}',
);
const b_from = (peer: string, ports = ''): string =>
  policy('b-in', `{podSelector: {matchLabels: {app: b}}, ingress: [{from: [${peer}]${ports}}]}`);
const a_to = (peer: string, ports: string): string =>
  policy(
    'a-out',
    `{podSelector: {matchLabels: {app: a}}, policyTypes: [Egress], egress: [{to: [${peer}], ports: [${ports}]}]}`,
  );

const pod = (name: string): Endpoint => ({ namespace: 'shop', name });
const address = (ip: string): Endpoint => ({ address: ip });
const tcp = (port: number): Traffic => ({ port, protocol: 'TCP' });

interface KnobCase {
  readonly knob: string;
  readonly options: Partial<SemanticsOptions>;
  readonly policies: string;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly traffic: Traffic;
  /** The answer under `spec`, then with the knob set. */
  readonly spec: boolean;
  readonly knobbed: boolean;
}

const CASES: readonly KnobCase[] = [
  {
    knob: 'enforcesNetworkPolicy=false',
    options: { enforcesNetworkPolicy: false },
    policies: DENY_B,
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(80),
    spec: false,
    knobbed: true,
  },
  {
    knob: 'ipBlockMatchesPods=false',
    options: { ipBlockMatchesPods: false },
    policies: b_from('{ipBlock: {cidr: 10.0.1.0/24}}'),
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(80),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'ipBlockMatchesPods=egress-only (ingress)',
    options: { ipBlockMatchesPods: 'egress-only' },
    policies: b_from('{ipBlock: {cidr: 10.0.1.0/24}}'),
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(80),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'ipBlockMatchesPods=egress-only (egress)',
    options: { ipBlockMatchesPods: 'egress-only' },
    policies: a_to('{ipBlock: {cidr: 10.0.1.0/24}}', '{port: 8080}'),
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(8080),
    spec: true,
    knobbed: true,
  },
  {
    knob: 'ipBlockMatchesNodes=false',
    options: { ipBlockMatchesNodes: false },
    policies: b_from('{ipBlock: {cidr: 10.0.0.0/24}}'),
    from: address('10.0.0.12'),
    to: pod('b'),
    traffic: tcp(80),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'nodeIngress=policed',
    options: { nodeIngress: 'policed' },
    policies: DENY_B,
    from: address('10.0.0.11'),
    to: pod('b'),
    traffic: tcp(8080),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'nodeIngress=gateway',
    options: { nodeIngress: 'gateway' },
    policies: DENY_B,
    from: address('10.0.0.11'),
    to: pod('b'),
    traffic: tcp(8080),
    spec: true,
    knobbed: true,
  },
  {
    knob: 'nodeIngress: another node is policed',
    options: {},
    policies: DENY_B,
    from: address('10.0.0.12'),
    to: pod('b'),
    traffic: tcp(8080),
    spec: false,
    knobbed: false,
  },
  {
    knob: 'egressToOwnNode=policed',
    options: { egressToOwnNode: 'policed' },
    policies: DENY_A_EGRESS,
    from: pod('a'),
    to: address('10.0.0.11'),
    traffic: tcp(10250),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'hostNetworkPeers=allowed',
    options: { hostNetworkPeers: 'allowed' },
    policies: DENY_B,
    from: pod('h2'),
    to: pod('b'),
    traffic: tcp(8080),
    spec: false,
    knobbed: true,
  },
  {
    knob: 'hostNetworkPeers=excluded',
    options: { hostNetworkPeers: 'excluded' },
    policies: b_from('{ipBlock: {cidr: 10.0.0.12/32}}'),
    from: pod('h2'),
    to: pod('b'),
    traffic: tcp(8080),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'hostNetworkSubjects=true (hostNetworkPods=pods)',
    options: { hostNetworkPods: 'pods' },
    policies: policy('deny-egress', '{podSelector: {}, policyTypes: [Egress]}'),
    from: pod('h2'),
    to: address('192.0.2.1'),
    traffic: tcp(443),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'endPort=ignored',
    options: { endPort: 'ignored' },
    policies: b_from(
      '{podSelector: {matchLabels: {app: a}}}',
      ', ports: [{port: 80, endPort: 90}]',
    ),
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(85),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'sctp=false',
    options: { sctp: false },
    policies: b_from(
      '{podSelector: {matchLabels: {app: a}}}',
      ', ports: [{protocol: SCTP, port: 80}]',
    ),
    from: pod('a'),
    to: pod('b'),
    traffic: { port: 80, protocol: 'SCTP' },
    spec: true,
    knobbed: false,
  },
  {
    knob: 'namedPortsInEgress=unsupported',
    options: { namedPortsInEgress: 'unsupported' },
    policies: a_to('{podSelector: {matchLabels: {app: b}}}', '{port: http}'),
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(8080),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'namedPortsInEgress=pod-peers-only',
    options: { namedPortsInEgress: 'pod-peers-only' },
    policies: a_to('{ipBlock: {cidr: 10.0.1.2/32}}', '{port: http}'),
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(8080),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'ipFamilies=ipv4',
    options: { ipFamilies: 'ipv4' },
    policies: b_from("{ipBlock: {cidr: 'fd00::/64'}}"),
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(80),
    spec: true,
    knobbed: false,
  },
  {
    knob: 'ipFamilies=single',
    options: { ipFamilies: 'single' },
    policies: b_from("{ipBlock: {cidr: 'fd00::/64'}}"),
    from: pod('a'),
    to: pod('b'),
    traffic: tcp(80),
    spec: true,
    knobbed: false,
  },
];

describe('CNI knobs', () => {
  for (const c of CASES) {
    it(`${c.knob}: ${c.spec ? 'allowed' : 'denied'} under spec, ${c.knobbed ? 'allowed' : 'denied'} with the knob`, () => {
      const cluster = loadCluster(BASE + c.policies);
      for (const [options, expected] of [
        [{}, c.spec],
        [c.options, c.knobbed],
      ] as const) {
        expect(compile(cluster, options).canReach(c.from, c.to, c.traffic)).toBe(expected);
        expect(compile(cluster, options).explain(c.from, c.to, c.traffic).allowed).toBe(expected);
        expect(referenceCanReach(cluster, c.from, c.to, c.traffic, options)).toBe(expected);
      }
    });
  }

  it('a profile sets knobs; options given explicitly win over it', () => {
    const cluster = loadCluster(BASE + b_from('{ipBlock: {cidr: 10.0.1.0/24}}'));
    expect(compile(cluster, { cni: 'cilium' }).canReach(pod('a'), pod('b'), tcp(80))).toBe(false);
    expect(
      compile(cluster, { cni: 'cilium', ipBlockMatchesPods: true }).canReach(
        pod('a'),
        pod('b'),
        tcp(80),
      ),
    ).toBe(true);
  });

  it('the assuming line names the profile and the knobs that mattered', () => {
    const cluster = loadCluster(BASE + DENY_B);
    const own = compile(cluster, { cni: 'ovn-kubernetes' }).explain(
      address('10.0.0.11'),
      pod('b'),
      tcp(8080),
    );
    expect(own.assumptions).toEqual({
      cni: 'ovn-kubernetes',
      ipBlockMatchesPods: true,
      hostNetworkPods: 'node',
      nodeIngress: 'gateway',
    });
    expect(own.ingress.exemptBy).toBe('nodeIngress');
    const ranged = loadCluster(
      BASE + b_from('{podSelector: {}}', ', ports: [{port: 80, endPort: 90}]'),
    );
    const azure = compile(ranged, { cni: 'azure-npm' }).explain(pod('a'), pod('b'), tcp(85));
    expect(azure.allowed).toBe(false);
    expect(azure.assumptions).toMatchObject({ cni: 'azure-npm', endPort: 'ignored' });
  });

  it('adminPolicies: a plugin applies only the API versions it implements, within its cap', () => {
    const anp = {
      origin: 'AdminNetworkPolicy/v1alpha1',
      tier: 'Admin',
      priority: 120,
    } as AdminPolicy;
    const cnp = {
      origin: 'ClusterNetworkPolicy/v1alpha2',
      tier: 'Admin',
      priority: 5,
    } as AdminPolicy;
    expect(adminApplies(anp, knobsOf({}))).toBe(true);
    expect(adminApplies(anp, knobsOf({ cni: 'cilium' }))).toBe(false);
    expect(adminApplies(cnp, knobsOf({ cni: 'calico' }))).toBe(false);
    expect(adminApplies(anp, knobsOf({ cni: 'calico' }))).toBe(true);
    // OVN-Kubernetes takes priorities 0 to 99.
    expect(adminApplies(anp, knobsOf({ cni: 'ovn-kubernetes' }))).toBe(false);
    expect(adminApplies({ ...anp, priority: 99 }, knobsOf({ cni: 'ovn-kubernetes' }))).toBe(true);
  });

  it('adminPolicies: the engine and the reference apply only the admin policies a plugin implements', () => {
    const anp = (priority: number): string => `---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: deny-a}
spec:
  priority: ${priority}
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: b}}}}
  ingress:
    - name: no-a
      action: Deny
      from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: a}}}}]
`;
    for (const [priority, cni, allowed] of [
      [10, 'spec', false],
      [10, 'calico', false],
      [10, 'cilium', true],
      [10, 'ovn-kubernetes', false],
      [120, 'ovn-kubernetes', true],
    ] as const) {
      const cluster = loadCluster(BASE + anp(priority));
      const options = { cni };
      expect(
        compile(cluster, options).canReach(pod('a'), pod('b'), tcp(80)),
        `${cni} ${priority}`,
      ).toBe(allowed);
      expect(compile(cluster, options).explain(pod('a'), pod('b'), tcp(80)).allowed).toBe(allowed);
      expect(referenceCanReach(cluster, pod('a'), pod('b'), tcp(80), options)).toBe(allowed);
    }
  });
});
