import { describe, expect, it } from 'vitest';
import { ClusterLoadError } from '../errors.js';
import type { Cluster } from '../model/index.js';
import { formatIssues, loadCluster, type ParseOptions, parseCluster } from './index.js';

function clusterOf(input: Parameters<typeof parseCluster>[0], options?: ParseOptions): Cluster {
  const result = parseCluster(input, options);
  if (!result.ok) expect.fail(JSON.stringify(result.issues, null, 1));
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return result.cluster;
}

function warningsOf(yaml: string) {
  return parseCluster(yaml).issues.map(({ severity, code, path, doc, item }) => ({
    severity,
    code,
    path,
    doc,
    ...(item === undefined ? {} : { item }),
  }));
}

const labels = (entries: Record<string, string>) => new Map(Object.entries(entries));

const deployment = (name: string, ns = 'shop', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}${extra}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: main
        ports: [{containerPort: 8080, name: http}, {containerPort: 53, protocol: UDP}]
`;

/** A valid AdminNetworkPolicy spec. */
const ADMIN_SPEC = 'spec: {priority: 1, subject: {namespaces: {}}}';

describe('parseCluster: NetworkPolicy defaulting', () => {
  const np = (spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: ns}
spec:
${spec}`;

  it('defaults policyTypes to [Ingress] without egress rules', () => {
    const [p] = clusterOf(np('  podSelector: {}\n  ingress: [{}]')).policies;
    expect(p?.policyTypes).toEqual(['Ingress']);
  });

  it('adds Egress to the default when spec.egress is non-empty, keeping Ingress', () => {
    const [p] = clusterOf(np('  podSelector: {}\n  egress: [{}]')).policies;
    expect(p?.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('treats an empty egress list like an absent one for the default', () => {
    const [p] = clusterOf(np('  podSelector: {}\n  egress: []')).policies;
    expect(p?.policyTypes).toEqual(['Ingress']);
  });

  it('treats policyTypes: [] as absent, as the API server does', () => {
    const [p] = clusterOf(np('  podSelector: {}\n  policyTypes: []\n  egress: [{}]')).policies;
    expect(p?.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('keeps explicit policyTypes, deduplicated', () => {
    const [p] = clusterOf(np('  podSelector: {}\n  policyTypes: [Egress, Egress]')).policies;
    expect(p?.policyTypes).toEqual(['Egress']);
  });

  it('defaults a port protocol to TCP and keeps port and endPort', () => {
    const [p] = clusterOf(
      np(
        '  podSelector: {}\n  ingress:\n  - ports: [{port: 80, endPort: 90}, {protocol: UDP}, {port: dns}]',
      ),
    ).policies;
    expect(p?.ingress[0]?.ports).toEqual([
      { protocol: 'TCP', port: 80, endPort: 90 },
      { protocol: 'UDP' },
      { protocol: 'TCP', port: 'dns' },
    ]);
  });

  it('keeps absent and empty from/to/ports apart', () => {
    const [p] = clusterOf(
      np(
        '  podSelector: {}\n  ingress: [{}, {from: [], ports: []}, {from: null}]\n  egress: [{to: []}, {}]',
      ),
    ).policies;
    expect(p?.ingress).toEqual([{}, { peers: [], ports: [] }, {}]);
    expect(p?.egress).toEqual([{ peers: [] }, {}]);
  });

  it('reads a null rule as an empty rule (allow all), as Go decodes it', () => {
    const [p] = clusterOf(np('  podSelector: {}\n  ingress:\n  -')).policies;
    expect(p?.ingress).toEqual([{}]);
  });

  it('decodes peers: pod selector, namespace selector, both, and ipBlock', () => {
    const [p] = clusterOf(
      np(`  podSelector: {matchLabels: {app: db}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
    - namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [a, b]}]}
    - podSelector: {}
      namespaceSelector: {}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}`),
    ).policies;
    const empty = { matchLabels: new Map(), matchExpressions: [] };
    expect(p?.podSelector).toEqual({ matchLabels: labels({ app: 'db' }), matchExpressions: [] });
    expect(p?.ingress[0]?.peers).toEqual([
      { kind: 'pods', podSelector: { matchLabels: labels({ app: 'web' }), matchExpressions: [] } },
      {
        kind: 'pods',
        namespaceSelector: {
          matchLabels: new Map(),
          matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }],
        },
      },
      { kind: 'pods', podSelector: empty, namespaceSelector: empty },
      { kind: 'ipBlock', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
    ]);
  });

  it('reads an absent podSelector as {} (all pods), with a warning', () => {
    const result = parseCluster(np('  ingress: [{}]'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.cluster.policies[0]?.podSelector).toEqual({
      matchLabels: new Map(),
      matchExpressions: [],
    });
    expect(result.issues.map((i) => [i.severity, i.code, i.path])).toEqual([
      ['warning', 'missing-field', ['spec', 'podSelector']],
    ]);
  });

  it('reads a policy without spec as a default-deny-ingress for every pod', () => {
    const result = parseCluster(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}',
    );
    expect(result.ok && result.cluster.policies[0]).toMatchObject({
      namespace: 'default',
      policyTypes: ['Ingress'],
      ingress: [],
      egress: [],
    });
  });

  it('warns about rules of a direction policyTypes leaves out', () => {
    expect(warningsOf(np('  podSelector: {}\n  policyTypes: [Ingress]\n  egress: [{}]'))).toEqual([
      { severity: 'warning', code: 'invalid-value', path: ['spec', 'egress'], doc: 0 },
    ]);
  });

  it('records where each policy came from', () => {
    const [p] = clusterOf({
      name: 'a.yaml',
      text: `---\n# x\n---\n${np('  podSelector: {}')}`,
    }).policies;
    expect(p?.source).toEqual({ file: 'a.yaml', doc: 1 });
  });
});

describe('parseCluster: kinds', () => {
  it('reads a Pod: labels, ports, IPs, hostNetwork and controller', () => {
    const cluster = clusterOf(`apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: shop
  labels: {app: web, tier: ""}
  ownerReferences:
  - {apiVersion: apps/v1, kind: StatefulSet, name: other, uid: u1}
  - {apiVersion: apps/v1, kind: StatefulSet, name: web, uid: u2, controller: true}
spec:
  hostNetwork: true
  containers:
  - name: main
    ports: [{containerPort: 80, name: http}, {containerPort: 53, protocol: UDP}]
  - name: side
  initContainers:
  - {name: init, ports: [{containerPort: 1}]}
  - {name: proxy, restartPolicy: Always, ports: [{containerPort: 15001, protocol: SCTP}]}
status:
  phase: Running
  podIP: 10.0.0.5
  podIPs: [{ip: 10.0.0.5}, {ip: "fd00::5"}]
`);
    expect(cluster.pods).toEqual([
      {
        namespace: 'shop',
        name: 'web-0',
        labels: labels({ app: 'web', tier: '' }),
        ports: [
          { name: 'http', containerPort: 80, protocol: 'TCP' },
          { containerPort: 53, protocol: 'UDP' },
          { containerPort: 15001, protocol: 'SCTP' },
        ],
        ips: ['10.0.0.5', 'fd00::5'],
        hostNetwork: true,
        owner: { kind: 'StatefulSet', name: 'web' },
        fromTemplate: false,
        source: { file: '<input>', doc: 0 },
      },
    ]);
  });

  it('reads a minimal Pod without spec', () => {
    const [pod] = clusterOf('apiVersion: v1\nkind: Pod\nmetadata: {name: a}').pods;
    expect(pod).toMatchObject({
      namespace: 'default',
      name: 'a',
      ports: [],
      ips: [],
      hostNetwork: false,
    });
    expect(pod?.owner).toBeUndefined();
  });

  it('leaves out Succeeded and Failed pods unless includeTerminatedPods, silently', () => {
    const yaml = ['Succeeded', 'Failed', 'Running', 'Pending']
      .map(
        (phase) =>
          `apiVersion: v1\nkind: Pod\nmetadata: {name: ${phase.toLowerCase()}}\nstatus: {phase: ${phase}}`,
      )
      .join('\n---\n');
    const result = parseCluster(yaml);
    expect(result.ok && result.cluster.pods.map((p) => p.name)).toEqual(['pending', 'running']);
    expect(result.issues).toEqual([]);
    const all = clusterOf(yaml, { includeTerminatedPods: true });
    expect(all.pods.map((p) => p.name)).toEqual(['failed', 'pending', 'running', 'succeeded']);
  });

  it('reads a Service: selector, ports with defaulted targetPort and protocol', () => {
    const cluster = clusterOf(`apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: dns, port: 53, protocol: UDP}
  - {name: alt, port: 8080, targetPort: 9090}
`);
    expect(cluster.services).toEqual([
      {
        namespace: 'shop',
        name: 'web',
        selector: labels({ app: 'web' }),
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
          { name: 'alt', port: 8080, targetPort: 9090, protocol: 'TCP' },
        ],
        source: { file: '<input>', doc: 0 },
      },
    ]);
  });

  it('reads a Service without selector (or with an empty one) as selector-less', () => {
    const cluster = clusterOf(
      'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec: {selector: {}}',
    );
    expect(cluster.services.map((s) => s.selector)).toEqual([undefined, undefined]);
  });

  it('reads a Namespace and forces its kubernetes.io/metadata.name label', () => {
    const result = parseCluster(
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: a, kubernetes.io/metadata.name: wrong}}',
    );
    expect(result.ok && result.cluster.namespaces).toEqual([
      {
        name: 'shop',
        labels: labels({ team: 'a', 'kubernetes.io/metadata.name': 'shop' }),
        synthesized: false,
        source: { file: '<input>', doc: 0 },
      },
    ]);
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'invalid-label']]);
  });

  it.each([
    ['apps/v1', 'Deployment', 'spec: {template: @T}', 'deployment/w'],
    ['apps/v1', 'ReplicaSet', 'spec: {template: @T}', 'replicaset/w'],
    ['v1', 'ReplicationController', 'spec: {template: @T}', 'replicationcontroller/w'],
    ['apps/v1', 'StatefulSet', 'spec: {template: @T}', 'statefulset/w'],
    ['apps/v1', 'DaemonSet', 'spec: {template: @T}', 'daemonset/w'],
    ['batch/v1', 'Job', 'spec: {template: @T}', 'job/w'],
    ['batch/v1', 'CronJob', 'spec: {jobTemplate: {spec: {template: @T}}}', 'cronjob/w'],
  ])('turns a %s %s pod template into pod %s', (apiVersion, kind, spec, podName) => {
    const template =
      '{metadata: {labels: {app: w}}, spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}}';
    const cluster = clusterOf(
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w, namespace: ns}\n${spec.replace('@T', template)}`,
    );
    expect(cluster.pods).toEqual([
      {
        namespace: 'ns',
        name: podName,
        labels: labels({ app: 'w' }),
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        ips: [],
        hostNetwork: false,
        owner: { kind, name: 'w' },
        fromTemplate: true,
        source: { file: '<input>', doc: 0 },
      },
    ]);
    expect(cluster.workloads).toEqual([
      {
        kind,
        namespace: 'ns',
        name: 'w',
        labels: labels({ app: 'w' }),
        source: { file: '<input>', doc: 0 },
      },
    ]);
  });

  it('warns about a workload without a pod template and gives it no pod', () => {
    const result = parseCluster(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec: {replicas: 1}',
    );
    expect(result.ok && result.cluster.pods).toEqual([]);
    expect(result.ok && result.cluster.workloads.map((w) => w.name)).toEqual(['w']);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['missing-field', ['spec', 'template']],
    ]);
  });

  it.each([
    ['v1', 'ConfigMap'],
    ['v1', 'ServiceAccount'],
    ['route.openshift.io/v1', 'Route'],
    ['example.com/v1', 'Widget'],
  ])('skips %s %s with an unknown-kind warning', (apiVersion, kind, spec = '', name = 'x') => {
    const result = parseCluster(
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: ${name}}\n${spec}`,
    );
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.severity, i.code, i.object])).toEqual([
      ['warning', 'unknown-kind', { kind, name }],
    ]);
  });

  it('reads AdminNetworkPolicy and BaselineAdminNetworkPolicy with no warning: they are evaluated', () => {
    const result = parseCluster(
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: x}\n${ADMIN_SPEC}\n---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec: {subject: {namespaces: {}}}`,
    );
    expect(result.issues).toEqual([]);
    expect(result.unevaluated).toEqual([]);
    expect(result.ok && result.cluster.adminPolicies?.map((p) => p.name)).toEqual(['x', 'default']);
  });
});

describe('parseCluster: apiVersions', () => {
  it('skips a NetworkPolicy of another API group (Calico) with a warning', () => {
    const result = parseCluster(
      'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x}',
    );
    expect(result.ok && result.cluster.policies).toEqual([]);
    expect(result.issues.map((i) => [i.severity, i.code, i.path, i.message])).toEqual([
      [
        'warning',
        'unknown-kind',
        ['apiVersion'],
        'projectcalico.org/v3 NetworkPolicy can change traffic but is not evaluated; skipped: answers ignore it',
      ],
    ]);
  });

  it('skips a Service of another group (Knative) and a Deployment in v1', () => {
    const result = parseCluster(
      'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Deployment\nmetadata: {name: y}',
    );
    expect(result.ok && result.cluster).toMatchObject({ services: [], workloads: [], pods: [] });
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown-kind', ['apiVersion']],
      ['unknown-kind', ['apiVersion']],
    ]);
  });

  it('refuses extensions/v1beta1 NetworkPolicy with an error', () => {
    const result = parseCluster(
      'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: x}',
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.severity, i.code, i.path])).toEqual([
      ['error', 'invalid-value', ['apiVersion']],
    ]);
  });

  it('reads removed workload apiVersions (apps/v1beta2, batch/v1beta1) with a warning', () => {
    const result = parseCluster(
      'apiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: a}\nspec: {template: {}}\n---\n' +
        'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: b}\nspec: {jobTemplate: {spec: {template: {}}}}',
    );
    expect(result.ok && result.cluster.pods.map((p) => p.name)).toEqual([
      'cronjob/b',
      'deployment/a',
    ]);
    expect(result.issues.map((i) => [i.severity, i.code, i.path])).toEqual([
      ['warning', 'invalid-value', ['apiVersion']],
      ['warning', 'invalid-value', ['apiVersion']],
    ]);
  });
});

describe('parseCluster: documents and lists', () => {
  it('skips empty and comment-only documents silently (helm template output)', () => {
    const yaml = `---\n# Source: chart/templates/empty.yaml\n---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n# only a comment\n...\n`;
    const result = parseCluster(yaml);
    expect(result.ok && result.cluster.pods.map((p) => [p.name, p.source])).toEqual([
      ['a', { file: '<input>', doc: 2 }],
    ]);
    expect(result.issues).toEqual([]);
  });

  it('accepts empty input', () => {
    expect(clusterOf('')).toEqual({
      namespaces: [],
      pods: [],
      workloads: [],
      services: [],
      policies: [],
    });
  });

  it('refuses documents that are not objects or have no apiVersion/kind, with their line', () => {
    const result = parseCluster(
      'just a string\n---\n- a\n- b\n---\n42\n---\n# a comment\nfoo: bar\n---\nkind: Pod\nmetadata: {name: a}',
    );
    expect(result.ok).toBe(false);
    expect(
      result.issues.map(({ severity, code, path, doc, line }) => [severity, code, path, doc, line]),
    ).toEqual([
      ['error', 'not-an-object', [], 0, 1],
      ['error', 'not-an-object', [], 1, 3],
      ['error', 'not-an-object', [], 2, 6],
      ['error', 'not-an-object', ['kind'], 3, 9],
      ['error', 'not-an-object', ['apiVersion'], 4, 11],
    ]);
    expect(formatIssues(result.issues)[3]).toBe(
      '<input>:9: doc 4: kind: not a Kubernetes object: kind is required',
    );
  });

  it('reads JSON, with tabs and a single object', () => {
    const json =
      '{\n\t"apiVersion": "v1",\n\t"kind": "Pod",\n\t"metadata": {"name": "a", "labels": {"app": "x"}}\n}';
    const cluster = clusterOf({ name: 'pod.json', text: json });
    expect(cluster.pods.map((p) => [p.name, p.labels])).toEqual([['a', labels({ app: 'x' })]]);
  });

  it('flattens kind: List (kubectl get -o json) and keeps item indexes', () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x' } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } },
      ],
    });
    const result = parseCluster({ name: 'l.json', text: json });
    expect(result.ok && result.cluster.pods.map((p) => p.source)).toEqual([
      { file: 'l.json', doc: 0, item: 0 },
    ]);
    expect(result.ok && result.cluster.namespaces.map((n) => [n.name, n.synthesized])).toEqual([
      ['x', false],
    ]);
    expect(result.issues.map((i) => [i.code, i.doc, i.item])).toEqual([['unknown-kind', 0, 1]]);
  });

  it.each([
    ['PodList', 'v1', 'Pod', 'pods'],
    ['NetworkPolicyList', 'networking.k8s.io/v1', 'NetworkPolicy', 'policies'],
    ['NamespaceList', 'v1', 'Namespace', 'namespaces'],
    ['DeploymentList', 'apps/v1', 'Deployment', 'workloads'],
    ['ServiceList', 'v1', 'Service', 'services'],
  ] as const)(
    'reads a typed %s whose items omit apiVersion and kind',
    (listKind, apiVersion, _kind, field) => {
      const cluster = clusterOf(
        `apiVersion: ${apiVersion}\nkind: ${listKind}\nmetadata: {resourceVersion: "1"}\nitems:\n- metadata: {name: a}\n- metadata: {name: b}`,
      );
      expect(cluster[field].map((o) => o.name)).toEqual(['a', 'b']);
    },
  );

  it('reads an empty List and a List with items: null', () => {
    expect(
      clusterOf('apiVersion: v1\nkind: List\nitems: []\n---\napiVersion: v1\nkind: List').pods,
    ).toEqual([]);
  });

  it('reports a List whose items is not a list', () => {
    expect(
      parseCluster('apiVersion: v1\nkind: List\nitems: {a: 1}').issues.map((i) => [i.code, i.path]),
    ).toEqual([['wrong-type', ['items']]]);
  });

  it('reads several sources in order and names them', () => {
    const cluster = clusterOf([
      { name: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}' },
      {
        name: 'b.yaml',
        text: new TextEncoder().encode('apiVersion: v1\nkind: Pod\nmetadata: {name: b}'),
      },
    ]);
    expect(cluster.pods.map((p) => p.source?.file)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('reads merge keys (<<), as kubectl does', () => {
    const cluster = clusterOf(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    <<: &common {app: web}\n    tier: front',
    );
    expect(cluster.pods[0]?.labels).toEqual(labels({ app: 'web', tier: 'front' }));
  });
});

describe('parseCluster: workloads and their pods', () => {
  const pod = (
    name: string,
    ownerKind: string,
    ownerName: string,
    extraLabels = '',
  ) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: {app: x${extraLabels}}
  ownerReferences: [{apiVersion: v1, kind: ${ownerKind}, name: ${ownerName}, uid: u, controller: true}]
`;
  const replicaSet = (name: string, owner?: string) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
  namespace: shop
  ${owner ? `ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: ${owner}, uid: u, controller: true}]` : ''}
spec: {template: {metadata: {labels: {app: x}}}}
`;
  const names = (c: Cluster) => c.pods.map((p) => p.name);

  it('names template pods <kind>/<name> and reads containers of the template', () => {
    const cluster = clusterOf(deployment('web'));
    expect(cluster.pods[0]).toMatchObject({
      name: 'deployment/web',
      fromTemplate: true,
      owner: { kind: 'Deployment', name: 'web' },
      ports: [
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { containerPort: 53, protocol: 'UDP' },
      ],
    });
  });

  it('drops the template pod of a workload whose live pods are in the input', () => {
    const yaml = [
      deployment('web'),
      replicaSet('web-abc', 'web'),
      pod('web-abc-1', 'ReplicaSet', 'web-abc'),
    ].join('---\n');
    expect(names(clusterOf(yaml))).toEqual(['web-abc-1']);
  });

  it('keeps the Deployment template pod when its ReplicaSet has no pods, and drops the ReplicaSet one', () => {
    const yaml = [deployment('web'), replicaSet('web-abc', 'web')].join('---\n');
    const cluster = clusterOf(yaml);
    expect(names(cluster)).toEqual(['deployment/web']);
    expect(cluster.workloads.map((w) => [w.kind, w.name, w.owner])).toEqual([
      ['Deployment', 'web', undefined],
      ['ReplicaSet', 'web-abc', { kind: 'Deployment', name: 'web' }],
    ]);
  });

  it('keeps the template pod of a ReplicaSet whose Deployment is not in the input', () => {
    expect(names(clusterOf(replicaSet('web-abc', 'web')))).toEqual(['replicaset/web-abc']);
  });

  it('links a pod to its Deployment through pod-template-hash when the ReplicaSet is missing', () => {
    const yaml = [
      deployment('web'),
      pod('web-5d8f-x', 'ReplicaSet', 'web-5d8f', ', pod-template-hash: 5d8f'),
    ].join('---\n');
    expect(names(clusterOf(yaml))).toEqual(['web-5d8f-x']);
  });

  it('does not link through a ReplicaSet name that does not end in the pod-template-hash', () => {
    const yaml = [
      deployment('web'),
      pod('p', 'ReplicaSet', 'web-5d8f', ', pod-template-hash: zzz'),
    ].join('---\n');
    expect(names(clusterOf(yaml))).toEqual(['deployment/web', 'p']);
  });

  it('follows Pod -> Job -> CronJob', () => {
    const yaml = [
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: shop}\nspec: {jobTemplate: {spec: {template: {}}}}\n',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: nightly-1\n  namespace: shop\n  ownerReferences: [{kind: CronJob, name: nightly, controller: true}]\nspec: {template: {}}\n',
      pod('nightly-1-x', 'Job', 'nightly-1'),
    ].join('---\n');
    const cluster = clusterOf(yaml);
    expect(names(cluster)).toEqual(['nightly-1-x']);
    expect(cluster.workloads.map((w) => w.name)).toEqual(['nightly', 'nightly-1']);
  });

  it('counts terminated pods as live pods of their workload', () => {
    const yaml = [
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: once, namespace: shop}\nspec: {template: {}}\n',
      `${pod('once-x', 'Job', 'once')}status: {phase: Succeeded}\n`,
    ].join('---\n');
    expect(names(clusterOf(yaml))).toEqual([]);
  });

  it('matches owners within the namespace only', () => {
    const yaml = [
      deployment('web', 'other'),
      replicaSet('web-abc', 'web'),
      pod('p', 'ReplicaSet', 'web-abc'),
    ].join('---\n');
    expect(names(clusterOf(yaml))).toEqual(['deployment/web', 'p']);
  });

  it('does not loop on an ownership cycle', () => {
    const yaml = [
      replicaSet('a', 'b').replace('Deployment', 'ReplicaSet'),
      replicaSet('b', 'a').replace('Deployment', 'ReplicaSet'),
      pod('p', 'ReplicaSet', 'a'),
    ].join('---\n');
    expect(names(clusterOf(yaml))).toEqual(['p']);
  });
});

describe('parseCluster: namespaces, duplicates, order', () => {
  it('puts objects without namespace in the default namespace (or the option)', () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}';
    expect(clusterOf(yaml).pods[0]?.namespace).toBe('default');
    expect(clusterOf(yaml, { defaultNamespace: 'dev' }).pods[0]?.namespace).toBe('dev');
  });

  it('synthesizes namespaces that objects use but nobody declares', () => {
    const yaml = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {team: t}}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: b}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: c}',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: d}\nspec: {podSelector: {}}',
      deployment('w', 'a'),
    ].join('\n---\n');
    const cluster = clusterOf(yaml);
    expect(cluster.namespaces.map((n) => [n.name, n.synthesized, n.labels])).toEqual([
      ['a', true, labels({ 'kubernetes.io/metadata.name': 'a' })],
      ['b', false, labels({ team: 't', 'kubernetes.io/metadata.name': 'b' })],
      ['c', true, labels({ 'kubernetes.io/metadata.name': 'c' })],
      ['d', true, labels({ 'kubernetes.io/metadata.name': 'd' })],
    ]);
  });

  it('warns about a duplicate object and keeps the last one', () => {
    const result = parseCluster([
      { name: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {v: "1"}}' },
      { name: 'b.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {v: "2"}}' },
    ]);
    expect(result.ok && result.cluster.pods.map((p) => p.labels.get('v'))).toEqual(['2']);
    expect(result.issues).toEqual([
      {
        code: 'duplicate-object',
        severity: 'warning',
        message: 'also defined at a.yaml doc 1; the last definition wins',
        file: 'b.yaml',
        doc: 0,
        object: { kind: 'Pod', namespace: 'default', name: 'p' },
        path: [],
      },
    ]);
  });

  it('does not treat same-named objects of different kinds or namespaces as duplicates', () => {
    const yaml = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: other}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}',
      deployment('web', 'default'),
      deployment('web', 'default').replace('Deployment', 'StatefulSet'),
    ].join('\n---\n');
    const result = parseCluster(yaml);
    expect(result.issues).toEqual([]);
    expect(result.ok && result.cluster.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual([
      'default/deployment/web',
      'default/statefulset/web',
      'default/web',
      'other/web',
    ]);
  });

  it('sorts every list: namespaces by name, others by namespace and name, workloads by kind too', () => {
    const objects = [
      ['v1', 'Pod', 'z', 'b'],
      ['v1', 'Pod', 'a', 'b'],
      ['v1', 'Pod', 'm', 'a'],
      ['v1', 'Service', 'z', 'a'],
      ['v1', 'Service', 'a', 'b'],
      ['networking.k8s.io/v1', 'NetworkPolicy', 'y', 'b'],
      ['networking.k8s.io/v1', 'NetworkPolicy', 'x', 'a'],
      ['apps/v1', 'StatefulSet', 'a', 'a'],
      ['apps/v1', 'Deployment', 'b', 'a'],
    ];
    const yaml = objects
      .map(
        ([v, k, n, ns]) => `apiVersion: ${v}\nkind: ${k}\nmetadata: {name: ${n}, namespace: ${ns}}`,
      )
      .join('\n---\n');
    const cluster = clusterOf(yaml);
    const ids = (list: readonly { namespace: string; name: string }[]) =>
      list.map((o) => `${o.namespace}/${o.name}`);
    expect(cluster.namespaces.map((n) => n.name)).toEqual(['a', 'b']);
    expect(ids(cluster.pods)).toEqual(['a/m', 'b/a', 'b/z']);
    expect(ids(cluster.services)).toEqual(['a/z', 'b/a']);
    expect(ids(cluster.policies)).toEqual(['a/x', 'b/y']);
    expect(cluster.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual([
      'a/Deployment/b',
      'a/StatefulSet/a',
    ]);
  });

  it('names an object after generateName when it has no name, with a warning', () => {
    const result = parseCluster('apiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}');
    expect(result.ok && result.cluster.pods.map((p) => p.name)).toEqual(['web-']);
    expect(result.issues.map((i) => [i.severity, i.code, i.path])).toEqual([
      ['warning', 'missing-field', ['metadata', 'name']],
    ]);
  });
});

describe('loadCluster', () => {
  it('returns the cluster of valid input', () => {
    expect(loadCluster('apiVersion: v1\nkind: Pod\nmetadata: {name: a}').pods).toHaveLength(1);
  });

  it('throws ClusterLoadError with every issue on invalid input', () => {
    try {
      loadCluster('apiVersion: v1\nkind: Pod\nmetadata: {name: A}\n---\nkind: x');
      expect.fail('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ClusterLoadError);
      const err = e as ClusterLoadError;
      expect(err.code).toBe('invalid-cluster');
      expect(err.issues.map((i) => i.code)).toEqual(['invalid-name', 'not-an-object']);
      expect(err.message).toMatch(
        /^2 problems in cluster input; first: <input>: Invalid value: "A"/,
      );
    }
  });
});
