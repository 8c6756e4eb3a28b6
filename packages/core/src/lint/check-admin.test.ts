import { describe, expect, it } from 'vitest';
import type { Cluster } from '../model/index.js';
import { parseCluster } from '../parse/index.js';
import type { LintCode } from './index.js';
import { lint } from './index.js';

const PODS = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: ci, namespace: ops, labels: {app: ci}}
spec: {containers: [{name: c, image: x}]}
`;

function cnp(name: string, tier: string, priority: number, spec: string): string {
  return `---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}}
spec: {tier: ${tier}, priority: ${priority}, ${spec}}
`;
}

function load(yaml: string): Cluster {
  const result = parseCluster(yaml);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.cluster;
}

function summary(yaml: string, code: LintCode): string[] {
  return lint(load(PODS + yaml))
    .filter((f) => f.code === code)
    .map((f) => `${f.severity} ${f.object.kind} ${f.object.name} ${f.path}`);
}

const SHOP = 'subject: {namespaces: {matchLabels: {team: shop}}}';
const ALL = 'subject: {namespaces: {}}';
const FROM_OPS = 'from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: ops}}}]';
const FROM_ALL = 'from: [{namespaces: {}}]';

describe('admin-rule-shadowed', () => {
  it('flags a rule an earlier rule of the same policy always decides first', () => {
    const yaml = cnp(
      'a',
      'Admin',
      1,
      `${SHOP}, ingress: [{action: Deny, ${FROM_ALL}}, {action: Accept, ${FROM_OPS}}]`,
    );
    expect(summary(yaml, 'admin-rule-shadowed')).toEqual([
      'warning ClusterNetworkPolicy a spec.ingress[1]',
    ]);
  });

  it('flags a rule a higher-priority policy always decides first, across versions', () => {
    const yaml =
      cnp('first', 'Admin', 1, `${ALL}, ingress: [{action: Pass, ${FROM_ALL}}]`) +
      cnp('second', 'Admin', 2, `${SHOP}, ingress: [{action: Deny, ${FROM_OPS}}]`);
    expect(summary(yaml, 'admin-rule-shadowed')).toEqual([
      'warning ClusterNetworkPolicy second spec.ingress[0]',
    ]);
  });

  it('leaves a rule alone when the earlier one covers fewer ports or fewer subjects', () => {
    const yaml =
      cnp(
        'first',
        'Admin',
        1,
        `${ALL}, ingress: [{action: Deny, ${FROM_ALL}, protocols: [{tcp: {destinationPort: {number: 80}}}]}]`,
      ) +
      cnp('second', 'Admin', 2, `${ALL}, ingress: [{action: Deny, ${FROM_OPS}}]`) +
      cnp(
        'third',
        'Admin',
        3,
        `subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}, ingress: [{action: Accept, ${FROM_ALL}}]`,
      ) +
      cnp('fourth', 'Admin', 4, `${SHOP}, ingress: [{action: Accept, ${FROM_ALL}}]`);
    expect(summary(yaml, 'admin-rule-shadowed')).toEqual([]);
  });
});

describe('admin-priority-tie', () => {
  it('flags two policies of one tier at one priority that match a common flow', () => {
    const yaml =
      cnp('b', 'Admin', 5, `${SHOP}, ingress: [{action: Deny, ${FROM_OPS}}]`) +
      cnp('a', 'Admin', 5, `${ALL}, ingress: [{action: Accept, ${FROM_ALL}}]`);
    expect(summary(yaml, 'admin-priority-tie')).toEqual([
      'warning ClusterNetworkPolicy b spec.priority',
    ]);
  });

  it('is quiet when the flows differ, or the tiers', () => {
    const yaml =
      cnp('a', 'Admin', 5, `${SHOP}, ingress: [{action: Deny, ${FROM_OPS}}]`) +
      cnp('b', 'Admin', 5, `${SHOP}, egress: [{action: Deny, to: [{namespaces: {}}]}]`) +
      cnp('c', 'Baseline', 5, `${SHOP}, ingress: [{action: Deny, ${FROM_OPS}}]`);
    expect(summary(yaml, 'admin-priority-tie')).toEqual([]);
  });
});

describe('admin-pass-to-nothing', () => {
  it('flags a Pass that no NetworkPolicy nor Baseline rule picks up', () => {
    const yaml = cnp('a', 'Admin', 1, `${SHOP}, ingress: [{action: Pass, ${FROM_OPS}}]`);
    expect(summary(yaml, 'admin-pass-to-nothing')).toEqual([
      'info ClusterNetworkPolicy a spec.ingress[0]',
    ]);
  });

  it('is quiet when a Baseline rule or a NetworkPolicy decides next', () => {
    const baseline =
      cnp('a', 'Admin', 1, `${SHOP}, ingress: [{action: Pass, ${FROM_OPS}}]`) +
      cnp('z', 'Baseline', 1, `${ALL}, ingress: [{action: Deny, ${FROM_ALL}}]`);
    expect(summary(baseline, 'admin-pass-to-nothing')).toEqual([]);
    const networkPolicy = `${cnp('a', 'Admin', 1, `${SHOP}, ingress: [{action: Pass, ${FROM_OPS}}]`)}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}
`;
    expect(summary(networkPolicy, 'admin-pass-to-nothing')).toEqual([]);
  });
});

describe('baseline-name', () => {
  it('flags a BaselineAdminNetworkPolicy not named default in a cluster assembled in code', () => {
    const cluster = load(
      `${PODS}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec: {${ALL}, ingress: [{action: Deny, ${FROM_OPS}}]}
`,
    );
    const renamed: Cluster = {
      ...cluster,
      adminPolicies: (cluster.adminPolicies ?? []).map((p) => ({ ...p, name: 'strict' })),
    };
    expect(lint(renamed).filter((f) => f.code === 'baseline-name')).toMatchObject([
      { severity: 'error', object: { kind: 'BaselineAdminNetworkPolicy', name: 'strict' } },
    ]);
    expect(lint(cluster).filter((f) => f.code === 'baseline-name')).toEqual([]);
  });
});

describe('isolation findings with admin policies', () => {
  it('say that admin policies decide first', () => {
    const yaml = cnp('a', 'Admin', 1, `${SHOP}, ingress: [{action: Deny, ${FROM_OPS}}]`);
    const messages = lint(load(PODS + yaml))
      .filter((f) => f.code === 'namespace-without-default-deny')
      .map((f) => f.message);
    expect(messages).toContain(
      'no NetworkPolicy in the namespace has Ingress in policyTypes: 2/2 pods accept any ingress no admin policy decides',
    );
  });
});
