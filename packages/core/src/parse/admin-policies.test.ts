import { describe, expect, it } from 'vitest';
import type { AdminPolicy } from '../model/index.js';
import { parseCluster } from './index.js';

const sel = (labels: Record<string, string> = {}) => ({
  matchLabels: new Map(Object.entries(labels)),
  matchExpressions: [],
});

function admin(yaml: string): readonly AdminPolicy[] {
  const result = parseCluster(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.cluster.adminPolicies ?? [];
}

const ANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: guard}
spec:
  priority: 10
  subject:
    pods:
      namespaceSelector: {matchLabels: {team: pay}}
      podSelector: {matchLabels: {app: db}}
  ingress:
  - name: deny-outside
    action: Deny
    from:
    - namespaces: {matchLabels: {zone: public}}
    - pods:
        namespaceSelector: {}
        podSelector: {matchLabels: {role: scraper}}
    ports:
    - portNumber: {port: 5432}
    - portRange: {protocol: UDP, start: 1000, end: 2000}
    - namedPort: metrics
  egress:
  - action: Allow
    to:
    - networks: [10.0.0.0/8, "fd00::/8"]
    - nodes: {matchLabels: {role: control-plane}}
  - action: Pass
    to: [{domainNames: [example.com, "*.example.org"]}]
`;

describe('AdminNetworkPolicy v1alpha1 to the model', () => {
  it('converts subject, rules, peers and ports; Allow becomes Accept', () => {
    expect(admin(ANP)).toEqual([
      {
        name: 'guard',
        origin: 'AdminNetworkPolicy/v1alpha1',
        tier: 'Admin',
        priority: 10,
        subject: {
          kind: 'pods',
          namespaceSelector: sel({ team: 'pay' }),
          podSelector: sel({ app: 'db' }),
        },
        ingress: [
          {
            name: 'deny-outside',
            action: 'Deny',
            peers: [
              { kind: 'namespaces', namespaceSelector: sel({ zone: 'public' }) },
              { kind: 'pods', namespaceSelector: sel(), podSelector: sel({ role: 'scraper' }) },
            ],
            ports: [
              { kind: 'range', protocol: 'TCP', first: 5432, last: 5432 },
              { kind: 'range', protocol: 'UDP', first: 1000, last: 2000 },
              { kind: 'named', name: 'metrics' },
            ],
          },
        ],
        egress: [
          {
            action: 'Accept',
            peers: [
              { kind: 'networks', cidrs: ['10.0.0.0/8', 'fd00::/8'] },
              { kind: 'nodes', nodeSelector: sel({ role: 'control-plane' }) },
            ],
          },
          {
            action: 'Pass',
            peers: [{ kind: 'domainNames', domainNames: ['example.com', '*.example.org'] }],
          },
        ],
        source: { file: '<input>', doc: 0 },
      },
    ]);
  });

  it('flags the experimental fields it reads', () => {
    const result = parseCluster(ANP);
    expect(result.issues.filter((i) => i.code === 'experimental-field').map((i) => i.path)).toEqual(
      [
        ['spec', 'ingress', 0, 'ports', 2, 'namedPort'],
        ['spec', 'egress', 0, 'to', 0, 'networks'],
        ['spec', 'egress', 0, 'to', 1, 'nodes'],
        ['spec', 'egress', 1, 'to', 0, 'domainNames'],
      ],
    );
    expect(result.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('reads the BANP as the Baseline tier at priority 0', () => {
    const [banp] = admin(
      'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]',
    );
    expect(banp).toMatchObject({
      name: 'default',
      origin: 'BaselineAdminNetworkPolicy/v1alpha1',
      tier: 'Baseline',
      priority: 0,
      subject: { kind: 'namespaces', namespaceSelector: sel() },
      ingress: [{ action: 'Deny', peers: [{ kind: 'namespaces' }] }],
      egress: [],
    });
  });
});

describe('ClusterNetworkPolicy v1alpha2 to the model', () => {
  it('converts protocols to ports and keeps the tier', () => {
    const [cnp] = admin(`apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: base}
spec:
  tier: Baseline
  priority: 3
  subject: {namespaces: {matchLabels: {env: prod}}}
  egress:
  - action: Accept
    to: [{pods: {podSelector: {}}}]
    protocols:
    - tcp: {destinationPort: {number: 443}}
    - udp: {destinationPort: {range: {start: 53, end: 54}}}
    - sctp: {destinationPort: {number: 9}}
    - destinationNamedPort: dns
`);
    expect(cnp).toMatchObject({
      origin: 'ClusterNetworkPolicy/v1alpha2',
      tier: 'Baseline',
      priority: 3,
      egress: [
        {
          action: 'Accept',
          peers: [{ kind: 'pods', namespaceSelector: sel(), podSelector: sel() }],
          ports: [
            { kind: 'range', protocol: 'TCP', first: 443, last: 443 },
            { kind: 'range', protocol: 'UDP', first: 53, last: 54 },
            { kind: 'range', protocol: 'SCTP', first: 9, last: 9 },
            { kind: 'named', name: 'dns' },
          ],
        },
      ],
    });
    expect(cnp?.egress[0]?.name).toBeUndefined();
  });

  it('reads both versions in one input, sorted by tier, priority and name', () => {
    const cnp = (name: string, tier: string, priority: number) =>
      `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: ${name}}\nspec: {tier: ${tier}, priority: ${priority}, subject: {namespaces: {}}}`;
    const anp = (name: string, priority: number) =>
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: ${name}}\nspec: {priority: ${priority}, subject: {namespaces: {}}}`;
    const banp =
      'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec: {subject: {namespaces: {}}}';
    const all = [cnp('z', 'Baseline', 5), anp('b', 7), banp, cnp('a', 'Admin', 7), anp('c', 2)];
    const result = parseCluster(all.join('\n---\n'));
    expect(result.ok).toBe(true);
    expect(
      result.ok && result.cluster.adminPolicies?.map((p) => [p.tier, p.priority, p.name]),
    ).toEqual([
      ['Admin', 2, 'c'],
      ['Admin', 7, 'a'],
      ['Admin', 7, 'b'],
      ['Baseline', 0, 'default'],
      ['Baseline', 5, 'z'],
    ]);
    expect(result.unevaluated).toEqual([]);
  });

  it('has no adminPolicies list when the input has none', () => {
    const result = parseCluster('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}');
    expect(result.ok && result.cluster.adminPolicies).toBeUndefined();
  });

  it('reports a second object of the same kind and name as a duplicate, the last one kept', () => {
    const anp = (priority: number) =>
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: same}\nspec: {priority: ${priority}, subject: {namespaces: {}}}`;
    const result = parseCluster([anp(1), anp(2)].join('\n---\n'));
    expect(result.issues.map((i) => i.code)).toContain('duplicate-object');
    expect(result.ok && result.cluster.adminPolicies?.map((p) => p.priority)).toEqual([2]);
  });
});
