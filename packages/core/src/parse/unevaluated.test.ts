import { describe, expect, it } from 'vitest';
import { parseCluster } from './index.js';
import { changesTraffic } from './kinds.js';

/** `spec: {}`, except for the admin policies we read, which need a valid spec. */
const SPECS: { readonly [kind: string]: string } = {
  'policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy':
    '{priority: 1, subject: {namespaces: {}}}',
  'policy.networking.k8s.io/v1alpha1 BaselineAdminNetworkPolicy': '{subject: {namespaces: {}}}',
  'policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy':
    '{tier: Admin, priority: 1, subject: {namespaces: {}}}',
};

const object = (apiVersion: string, kind: string, meta = '{name: x, namespace: shop}') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: ${meta}\nspec: ${SPECS[`${apiVersion} ${kind}`] ?? '{}'}`;

describe('admin policies at the apiVersions we read', () => {
  it.each([
    ['policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy'],
    ['policy.networking.k8s.io/v1alpha1', 'BaselineAdminNetworkPolicy'],
    ['policy.networking.k8s.io/v1alpha2', 'ClusterNetworkPolicy'],
  ])('evaluates %s %s: not listed as unevaluated, no warning', (apiVersion, kind) => {
    const name = kind === 'BaselineAdminNetworkPolicy' ? 'default' : 'x';
    const result = parseCluster({
      name: 'extra.yaml',
      text: `---\n${object(apiVersion, kind, `{name: ${name}}`)}`,
    });
    expect(result.ok).toBe(true);
    expect(result.unevaluated).toEqual([]);
    expect(result.issues).toEqual([]);
    expect(result.ok && result.cluster.adminPolicies?.map((p) => p.name)).toEqual([name]);
  });
});

describe('objects that can change traffic but are not evaluated', () => {
  it.each([
    ['cilium.io/v2', 'CiliumNetworkPolicy'],
    ['cilium.io/v2', 'CiliumClusterwideNetworkPolicy'],
    ['projectcalico.org/v3', 'NetworkPolicy'],
    ['projectcalico.org/v3', 'GlobalNetworkPolicy'],
    ['crd.projectcalico.org/v1', 'NetworkPolicy'],
    ['crd.projectcalico.org/v1', 'GlobalNetworkPolicy'],
    ['security.istio.io/v1', 'AuthorizationPolicy'],
    ['policy.networking.k8s.io/v1alpha2', 'AdminNetworkPolicy'],
    ['policy.networking.k8s.io/v1beta1', 'ClusterNetworkPolicy'],
    ['crd.antrea.io/v1beta1', 'ClusterNetworkPolicy'],
    ['policy.linkerd.io/v1alpha1', 'AuthorizationPolicy'],
    ['example.networking.io/v1', 'EgressPolicy'],
  ])('lists %s %s, with a warning that never calls it harmless', (apiVersion, kind) => {
    const name = kind === 'BaselineAdminNetworkPolicy' ? 'default' : 'x';
    const meta = `{name: ${name}, namespace: shop}`;
    const result = parseCluster({
      name: 'extra.yaml',
      text: `---\n${object(apiVersion, kind, meta)}`,
    });
    expect(result.ok).toBe(true);
    expect(result.unevaluated).toEqual([
      {
        kind,
        apiVersion,
        namespace: 'shop',
        name,
        source: { file: 'extra.yaml', doc: 0 },
        reason: `${apiVersion} ${kind} can change traffic but is not evaluated by kube-reach, which reads only networking.k8s.io/v1 NetworkPolicy`,
      },
    ]);
    const [issue] = result.issues;
    expect(issue).toMatchObject({ severity: 'warning', code: 'unknown-kind' });
    expect(issue?.message).toMatch(
      /can change traffic but is not evaluated; skipped: answers ignore it$/,
    );
    expect(issue?.message).not.toMatch(/does not affect/);
  });

  it.each([
    ['v1', 'ConfigMap'],
    ['policy/v1', 'PodDisruptionBudget'],
    ['policy/v1beta1', 'PodSecurityPolicy'],
    ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'],
    ['kyverno.io/v1', 'ClusterPolicy'],
    ['serving.knative.dev/v1', 'Service'],
    ['networking.k8s.io/v1', 'Ingress'],
  ])('does not list %s %s, which does not change who reaches whom', (apiVersion, kind) => {
    expect(changesTraffic(apiVersion, kind)).toBe(false);
    expect(parseCluster(object(apiVersion, kind)).unevaluated).toEqual([]);
  });

  it('keeps the list when the input has errors, and names objects from List items', () => {
    const text = [
      'apiVersion: v1\nkind: List\nitems:',
      '- {apiVersion: cilium.io/v2, kind: CiliumClusterwideNetworkPolicy, metadata: {name: deny}}',
      '---',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: A}',
    ].join('\n');
    const result = parseCluster(text);
    expect(result.ok).toBe(false);
    expect(result.unevaluated).toEqual([
      expect.objectContaining({
        kind: 'CiliumClusterwideNetworkPolicy',
        name: 'deny',
        source: { file: '<input>', doc: 0, item: 0 },
      }),
    ]);
  });
});
