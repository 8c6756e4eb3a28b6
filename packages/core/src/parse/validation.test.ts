import { describe, expect, it } from 'vitest';
import { formatIssues, type Issue, parseCluster } from './index.js';
import { formatPath } from './issue.js';

/** A NetworkPolicy in namespace `ns` with the given spec (flow or block YAML, indented by 2). */
function policy(spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec:\n${spec}`;
}

function problems(yaml: string): [Issue['severity'], Issue['code'], Issue['path']][] {
  return parseCluster(yaml).issues.map((i) => [i.severity, i.code, i.path]);
}

function errorsOf(yaml: string): [Issue['code'], Issue['path']][] {
  const result = parseCluster(yaml);
  expect(result.ok).toBe(false);
  return result.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path]);
}

function messagesOf(yaml: string): string[] {
  return parseCluster(yaml).issues.map((i) => i.message);
}

const ingressPorts = (ports: string) =>
  policy(`  podSelector: {}\n  ingress:\n  - ports: [${ports}]`);
const PORT = ['spec', 'ingress', 0, 'ports', 0];
const ingressFrom = (peers: string) =>
  policy(`  podSelector: {}\n  ingress:\n  - from: [${peers}]`);
const FROM = ['spec', 'ingress', 0, 'from', 0];

describe('NetworkPolicy ports', () => {
  it.each([
    ['{port: 80, endPort: 79}', [...PORT, 'endPort']],
    ['{endPort: 80}', [...PORT, 'endPort']],
    ['{port: http, endPort: 80}', [...PORT, 'endPort']],
    ['{port: 80, endPort: 70000}', [...PORT, 'endPort']],
    ['{port: 0}', [...PORT, 'port']],
    ['{port: 65536}', [...PORT, 'port']],
    ['{port: -1}', [...PORT, 'port']],
    ['{port: "80"}', [...PORT, 'port']],
    ['{port: Http}', [...PORT, 'port']],
    ['{port: a--b}', [...PORT, 'port']],
    ['{port: -ab}', [...PORT, 'port']],
  ])('%s is a bad-port error', (port, path) => {
    const errors = errorsOf(ingressPorts(port));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toEqual(['bad-port', path]);
  });

  it('reports each broken rule of a port name separately, as kube does', () => {
    expect(errorsOf(ingressPorts('{port: -sixteen-characters}'))).toHaveLength(2);
  });

  it('accepts the edges: port 1, endPort 65535, endPort == port, a 15-character name', () => {
    expect(
      problems(
        ingressPorts('{port: 1, endPort: 65535}, {port: 80, endPort: 80}, {port: abcdefghijklmno}'),
      ),
    ).toEqual([]);
  });

  it.each(['tcp', 'Tcp', 'HTTP', 'ICMP', ''])('protocol %j is a bad-protocol error', (protocol) => {
    expect(errorsOf(ingressPorts(`{port: 80, protocol: "${protocol}"}`))).toEqual([
      ['bad-protocol', [...PORT, 'protocol']],
    ]);
  });

  it('words an unsupported protocol as kube does', () => {
    expect(messagesOf(ingressPorts('{protocol: tcp}'))).toEqual([
      'Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it.each(['true', '80.5', '[80]', '{a: 1}'])('port %s is a wrong-type error', (value) => {
    expect(errorsOf(ingressPorts(`{port: ${value}}`))).toEqual([['wrong-type', [...PORT, 'port']]]);
  });

  it('words endPort problems as kube does', () => {
    expect(
      messagesOf(ingressPorts('{port: 80, endPort: 79}, {endPort: 5}, {port: web, endPort: 5}')),
    ).toEqual([
      'Invalid value: 79: must be greater than or equal to `port`',
      'Invalid value: 5: may not be specified when `port` is not specified',
      'Invalid value: 5: may not be specified when `port` is non-numeric',
    ]);
  });
});

describe('NetworkPolicy peers and ipBlock', () => {
  it('an empty peer is a missing-field error: must specify a peer', () => {
    expect(errorsOf(ingressFrom('{}'))).toEqual([['missing-field', FROM]]);
    expect(errorsOf(ingressFrom('null'))).toEqual([['missing-field', FROM]]);
    expect(messagesOf(ingressFrom('{}'))).toEqual(['Required value: must specify a peer']);
  });

  it.each(['podSelector: {}', 'namespaceSelector: {}'])(
    'ipBlock with %s is an invalid-value error',
    (other) => {
      expect(errorsOf(ingressFrom(`{ipBlock: {cidr: 10.0.0.0/8}, ${other}}`))).toEqual([
        ['invalid-value', FROM],
      ]);
      expect(messagesOf(ingressFrom(`{ipBlock: {cidr: 10.0.0.0/8}, ${other}}`))).toEqual([
        'Forbidden: may not specify both ipBlock and another peer',
      ]);
    },
  );

  it('a missing or empty cidr is a missing-field error', () => {
    expect(errorsOf(ingressFrom('{ipBlock: {}}, {ipBlock: {cidr: ""}}'))).toEqual([
      ['missing-field', [...FROM, 'ipBlock', 'cidr']],
      ['missing-field', ['spec', 'ingress', 0, 'from', 1, 'ipBlock', 'cidr']],
    ]);
  });

  it.each([
    '10.0.0.0',
    '10.0.0.0/33',
    '300.0.0.0/8',
    '10.0.0/8',
    'fd00::/129',
    'fd00:::/8',
    'abc',
    ' 10.0.0.0/8',
  ])('cidr %j is a bad-cidr error', (cidr) => {
    expect(errorsOf(ingressFrom(`{ipBlock: {cidr: "${cidr}"}}`))).toEqual([
      ['bad-cidr', [...FROM, 'ipBlock', 'cidr']],
    ]);
  });

  it.each([
    ['10.0.0.0/8', '11.0.0.0/16'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.0.0.0/8', '10.0.0.0/7'],
    ['10.0.0.0/8', 'fd00::/64'],
    ['fd00::/8', '10.0.0.0/16'],
    ['10.0.0.0/8', 'nope'],
  ])('in cidr %s, except %s is a bad-cidr error', (cidr, except) => {
    expect(errorsOf(ingressFrom(`{ipBlock: {cidr: ${cidr}, except: ["${except}"]}}`))).toEqual([
      ['bad-cidr', [...FROM, 'ipBlock', 'except', 0]],
    ]);
  });

  it('accepts excepts strictly inside, IPv6 and host bits, as the API server does', () => {
    const result = parseCluster(
      ingressFrom(
        '{ipBlock: {cidr: 10.0.0.1/8, except: [10.1.0.0/16, 10.2.3.4/32]}}, {ipBlock: {cidr: "fd00::/8", except: ["fd00:1::/32"]}}',
      ),
    );
    expect(result.issues).toEqual([]);
    expect(result.ok && result.cluster.policies[0]?.ingress[0]?.peers).toEqual([
      { kind: 'ipBlock', cidr: '10.0.0.1/8', except: ['10.1.0.0/16', '10.2.3.4/32'] },
      { kind: 'ipBlock', cidr: 'fd00::/8', except: ['fd00:1::/32'] },
    ]);
  });

  it('reads IPv4 leading zeros as decimal with a warning, and stores the plain form', () => {
    const result = parseCluster(ingressFrom('{ipBlock: {cidr: 010.000.0.0/8}}'));
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'bad-cidr']]);
    expect(result.ok && result.cluster.policies[0]?.ingress[0]?.peers).toEqual([
      { kind: 'ipBlock', cidr: '10.0.0.0/8', except: [] },
    ]);
  });

  it('wrong types in rules and peers are wrong-type errors', () => {
    expect(
      errorsOf(
        policy(
          '  podSelector: {}\n  ingress:\n  - from: {podSelector: {}}\n    ports: 80\n  - "x"\n  egress: yes',
        ),
      ),
    ).toEqual([
      ['wrong-type', ['spec', 'ingress', 0, 'from']],
      ['wrong-type', ['spec', 'ingress', 0, 'ports']],
      ['wrong-type', ['spec', 'ingress', 1]],
      ['wrong-type', ['spec', 'egress']],
    ]);
    expect(errorsOf(ingressFrom('{podSelector: "app=web"}'))).toEqual([
      ['wrong-type', [...FROM, 'podSelector']],
    ]);
    expect(messagesOf(policy('  podSelector: {}\n  ingress: "x"'))).toEqual([
      'expected a list, got a string',
    ]);
  });
});

describe('NetworkPolicy policyTypes', () => {
  it.each(['ingress', 'Foo', 'INGRESS'])('policyTypes [%s] is an invalid-value error', (type) => {
    expect(errorsOf(policy(`  podSelector: {}\n  policyTypes: [${type}]`))).toEqual([
      ['invalid-value', ['spec', 'policyTypes', 0]],
    ]);
    expect(messagesOf(policy(`  podSelector: {}\n  policyTypes: [${type}]`))).toEqual([
      `Unsupported value: "${type}": supported values: "Egress", "Ingress"`,
    ]);
  });

  it('more than two policyTypes is an invalid-value error', () => {
    expect(
      errorsOf(policy('  podSelector: {}\n  policyTypes: [Ingress, Egress, Ingress]')),
    ).toEqual([['invalid-value', ['spec', 'policyTypes']]]);
  });

  it('policyTypes that is not a list is a wrong-type error', () => {
    expect(errorsOf(policy('  podSelector: {}\n  policyTypes: Ingress'))).toEqual([
      ['wrong-type', ['spec', 'policyTypes']],
    ]);
  });
});

describe('label selectors', () => {
  const selector = (body: string) => policy(`  podSelector: ${body}`);
  const EXPR = ['spec', 'podSelector', 'matchExpressions', 0];

  it('an unknown operator is a bad-selector-operator error listing the valid ones', () => {
    const yaml = selector('{matchExpressions: [{key: a, operator: Equals, values: [b]}]}');
    expect(errorsOf(yaml)).toEqual([['bad-selector-operator', [...EXPR, 'operator']]]);
    expect(messagesOf(yaml)).toEqual([
      'Unsupported value: "Equals": supported values: "DoesNotExist", "Exists", "In", "NotIn"',
    ]);
  });

  it.each(['In', 'NotIn'])('%s without values is a missing-field error', (op) => {
    expect(errorsOf(selector(`{matchExpressions: [{key: a, operator: ${op}}]}`))).toEqual([
      ['missing-field', [...EXPR, 'values']],
    ]);
    expect(
      errorsOf(selector(`{matchExpressions: [{key: a, operator: ${op}, values: []}]}`)),
    ).toEqual([['missing-field', [...EXPR, 'values']]]);
  });

  it.each(['Exists', 'DoesNotExist'])('%s with values is an invalid-value error', (op) => {
    expect(
      errorsOf(selector(`{matchExpressions: [{key: a, operator: ${op}, values: [x]}]}`)),
    ).toEqual([['invalid-value', [...EXPR, 'values']]]);
  });

  it('a missing key or operator is a missing-field error; a bad key or value an invalid-label error', () => {
    expect(errorsOf(selector('{matchExpressions: [{operator: Exists}, {key: a}]}'))).toEqual([
      ['missing-field', [...EXPR, 'key']],
      ['missing-field', ['spec', 'podSelector', 'matchExpressions', 1, 'operator']],
    ]);
    expect(
      errorsOf(
        selector('{matchExpressions: [{key: "a b", operator: In, values: [ok, "not ok"]}]}'),
      ),
    ).toEqual([
      ['invalid-label', [...EXPR, 'key']],
      ['invalid-label', [...EXPR, 'values', 1]],
    ]);
  });

  it('checks matchLabels keys and values', () => {
    expect(errorsOf(selector('{matchLabels: {"-a": b, c: "-d"}}'))).toEqual([
      ['invalid-label', ['spec', 'podSelector', 'matchLabels', '-a']],
      ['invalid-label', ['spec', 'podSelector', 'matchLabels', 'c']],
    ]);
  });

  it('wrong types inside selectors are wrong-type errors', () => {
    expect(errorsOf(selector('{matchLabels: [a], matchExpressions: {key: a}}'))).toEqual([
      ['wrong-type', ['spec', 'podSelector', 'matchLabels']],
      ['wrong-type', ['spec', 'podSelector', 'matchExpressions']],
    ]);
  });
});

describe('labels', () => {
  const pod = (labels: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: ${labels}`;
  const at = (key: string) => ['metadata', 'labels', key];

  it.each([
    ['Example.com/app', 'prefix part must be lowercase'],
    ['/app', 'empty prefix'],
    ['a/b/c', 'two slashes'],
    ['a/', 'empty name'],
    ['-app', 'starts with a hyphen'],
    ['app-', 'ends with a hyphen'],
    ['ap p', 'a space'],
    ['x'.repeat(64), 'a name longer than 63'],
    [`${'a'.repeat(250)}.com/x`, 'a prefix longer than 253'],
  ])('key %j (%s) is an invalid-label error', (key) => {
    const errors = errorsOf(pod(JSON.stringify({ [key]: 'v' })));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toEqual(['invalid-label', at(key)]);
  });

  it.each([['-v'], ['v-'], ['a b'], ['x'.repeat(64)], ['é']])(
    'value %j is an invalid-label error',
    (value) => {
      expect(errorsOf(pod(JSON.stringify({ k: value })))).toEqual([['invalid-label', at('k')]]);
    },
  );

  it('accepts prefixed keys, dots, underscores, empty values and null values', () => {
    const result = parseCluster(
      pod('{app.kubernetes.io/name: web, a_b.c-d: X_y.z-1, empty: "", nothing: }'),
    );
    expect(result.issues).toEqual([]);
    expect(result.ok && [...(result.cluster.pods[0]?.labels ?? [])]).toEqual([
      ['app.kubernetes.io/name', 'web'],
      ['a_b.c-d', 'X_y.z-1'],
      ['empty', ''],
      ['nothing', ''],
    ]);
  });

  it('a number or boolean label value is a wrong-type error', () => {
    expect(errorsOf(pod('{version: 1.0, enabled: true}'))).toEqual([
      ['wrong-type', at('version')],
      ['wrong-type', at('enabled')],
    ]);
  });

  it('words label problems as kube does', () => {
    expect(messagesOf(pod('{"-a": "b"}'))).toEqual([
      `Invalid value: "-a": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')`,
    ]);
  });
});

describe('object names', () => {
  const object = (apiVersion: string, kind: string, meta: string) =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: ${meta}`;

  it.each([
    ['v1', 'Namespace', 'Shop'],
    ['v1', 'Namespace', 'a.b'],
    ['v1', 'Pod', 'Web'],
    ['v1', 'Pod', 'web_1'],
    ['v1', 'Service', '1web'],
    ['v1', 'Service', 'a.b'],
    ['networking.k8s.io/v1', 'NetworkPolicy', 'allow_all'],
    ['apps/v1', 'Deployment', `${'a'.repeat(254)}`],
  ])('%s %s named %j is an invalid-name error', (apiVersion, kind, name) => {
    expect(errorsOf(object(apiVersion, kind, `{name: "${name}"}`))).toEqual([
      ['invalid-name', ['metadata', 'name']],
    ]);
  });

  it('accepts a dotted Pod or NetworkPolicy name (DNS subdomain)', () => {
    expect(problems(object('v1', 'Pod', '{name: web.v1}'))).toEqual([]);
    expect(
      problems(
        object('networking.k8s.io/v1', 'NetworkPolicy', '{name: a.b}\nspec: {podSelector: {}}'),
      ),
    ).toEqual([]);
  });

  it('an invalid metadata.namespace is an invalid-name error', () => {
    expect(errorsOf(object('v1', 'Pod', '{name: a, namespace: Prod}'))).toEqual([
      ['invalid-name', ['metadata', 'namespace']],
    ]);
  });

  it('a missing name is a missing-field error, and the object is left out', () => {
    expect(errorsOf(object('v1', 'Pod', '{labels: {a: b}}'))).toEqual([
      ['missing-field', ['metadata', 'name']],
    ]);
    expect(messagesOf(object('v1', 'Pod', '{}'))).toEqual([
      'Required value: name or generateName is required',
    ]);
  });

  it('wrong metadata types are wrong-type errors', () => {
    expect(errorsOf(object('v1', 'Pod', 'x'))).toEqual([
      ['wrong-type', ['metadata']],
      ['missing-field', ['metadata', 'name']],
    ]);
    expect(errorsOf(object('v1', 'Pod', '{name: 7}'))).toEqual([
      ['wrong-type', ['metadata', 'name']],
      ['missing-field', ['metadata', 'name']],
    ]);
  });

  it('two controller ownerReferences are an invalid-value error', () => {
    expect(
      errorsOf(
        object(
          'v1',
          'Pod',
          '{name: a, ownerReferences: [{kind: A, name: a, controller: true}, {kind: B, name: b, controller: true}]}',
        ),
      ),
    ).toEqual([['invalid-value', ['metadata', 'ownerReferences']]]);
  });
});

describe('container ports', () => {
  const pod = (ports: string, extra = '') =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    ports: [${ports}]${extra}`;
  const P = ['spec', 'containers', 0, 'ports'];

  it.each([
    ['{containerPort: 0}', [...P, 0, 'containerPort'], 'bad-port'],
    ['{containerPort: 65536}', [...P, 0, 'containerPort'], 'bad-port'],
    ['{containerPort: "80"}', [...P, 0, 'containerPort'], 'wrong-type'],
    ['{name: http}', [...P, 0, 'containerPort'], 'missing-field'],
    ['{containerPort: 80, name: HTTP}', [...P, 0, 'name'], 'bad-port'],
    ['{containerPort: 80, name: "1234"}', [...P, 0, 'name'], 'bad-port'],
    ['{containerPort: 80, protocol: tcp}', [...P, 0, 'protocol'], 'bad-protocol'],
    [
      '{containerPort: 80, name: web}, {containerPort: 81, name: web}',
      [...P, 1, 'name'],
      'bad-port',
    ],
    ['80', [...P, 0], 'wrong-type'],
  ])('%s gives %s at the port', (ports, path, code) => {
    const errors = errorsOf(pod(ports));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toEqual([code, path]);
  });

  it('allows the same port name in two containers', () => {
    expect(
      problems(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, ports: [{containerPort: 1, name: web}]}\n  - {name: b, ports: [{containerPort: 2, name: web}]}',
      ),
    ).toEqual([]);
  });

  it('checks template ports with the template path', () => {
    expect(
      errorsOf(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [{name: c, ports: [{containerPort: 0}]}]',
      ),
    ).toEqual([
      ['bad-port', ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort']],
    ]);
  });

  it('wrong spec types are wrong-type errors', () => {
    expect(
      errorsOf(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: "yes"\n  containers: {name: c}',
      ),
    ).toEqual([
      ['wrong-type', ['spec', 'containers']],
      ['wrong-type', ['spec', 'hostNetwork']],
    ]);
  });

  it('warns about and drops a pod IP that does not parse', () => {
    const result = parseCluster(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatus: {podIP: 10.0.0.300}',
    );
    expect(result.issues.map((i) => [i.severity, i.code, i.path])).toEqual([
      ['warning', 'invalid-value', ['status', 'podIP']],
    ]);
    expect(result.ok && result.cluster.pods[0]?.ips).toEqual([]);
  });
});

describe('service ports', () => {
  const service = (ports: string) =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [${ports}]`;
  const P = ['spec', 'ports'];

  it.each([
    ['{port: 0}', [...P, 0, 'port'], 'bad-port'],
    ['{targetPort: 80}', [...P, 0, 'port'], 'missing-field'],
    ['{port: 80, targetPort: 0}', [...P, 0, 'targetPort'], 'bad-port'],
    ['{port: 80, targetPort: HTTP}', [...P, 0, 'targetPort'], 'bad-port'],
    ['{port: 80, targetPort: true}', [...P, 0, 'targetPort'], 'wrong-type'],
    ['{port: 80, name: Web}', [...P, 0, 'name'], 'bad-port'],
    ['{port: 80, protocol: udp}', [...P, 0, 'protocol'], 'bad-protocol'],
    ['{port: 80, name: a}, {port: 81}', [...P, 1, 'name'], 'missing-field'],
    ['{port: 80, name: a}, {port: 81, name: a}', [...P, 1, 'name'], 'bad-port'],
  ])('%s gives %s at the port', (ports, path, code) => {
    const errors = errorsOf(service(ports));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toEqual([code, path]);
  });
});

describe('collecting every problem', () => {
  it('reports every problem of every object, not only the first', () => {
    const yaml = `${policy(`  podSelector: {matchExpressions: [{key: a, operator: Foo}]}
  policyTypes: [Ingress, Sideways]
  ingress:
  - from: [{}]
    ports: [{port: 0, protocol: tcp}]`)}
---
apiVersion: v1
kind: Pod
metadata: {name: Bad}`;
    expect(errorsOf(yaml)).toEqual([
      ['bad-selector-operator', ['spec', 'podSelector', 'matchExpressions', 0, 'operator']],
      ['missing-field', ['spec', 'ingress', 0, 'from', 0]],
      ['bad-protocol', ['spec', 'ingress', 0, 'ports', 0, 'protocol']],
      ['bad-port', ['spec', 'ingress', 0, 'ports', 0, 'port']],
      ['invalid-value', ['spec', 'policyTypes', 1]],
      ['invalid-name', ['metadata', 'name']],
    ]);
  });

  it('renders issues as readable lines (wording snapshot)', () => {
    const yaml = `---\n${policy(`  podSelector: {}
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}, podSelector: {}}]
    ports: [{port: 443}, {port: 80, endPort: 79}]`)}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: ns}`;
    expect(formatIssues(parseCluster({ name: 'policies.yaml', text: yaml }).issues)).toEqual([
      'policies.yaml: doc 1 NetworkPolicy ns/p: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
      'policies.yaml: doc 1 NetworkPolicy ns/p: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`',
      'policies.yaml: doc 1 NetworkPolicy ns/p: spec.ingress[0].ports[1].endPort: Invalid value: 79: must be greater than or equal to `port`',
      'warning: policies.yaml: doc 2 ConfigMap ns/settings: ConfigMap (v1) does not affect pod reachability; skipped',
    ]);
  });
});

describe('YAML errors', () => {
  it('a syntax error is a yaml-syntax error with its line', () => {
    const [issue] = parseCluster({ name: 'bad.yaml', text: 'a: 1\nb: [1, 2\nc: 3\n' }).issues;
    expect(issue).toMatchObject({
      code: 'yaml-syntax',
      severity: 'error',
      file: 'bad.yaml',
      path: [],
    });
    expect(issue?.line).toBeGreaterThanOrEqual(2);
  });

  it('a syntax error in one document does not hide the problems of the others', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: Bad_Name}',
      '---',
      'key: [unclosed',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: p, namespace: ns}',
      'spec: {podSelector: {}, policyTypes: [Sideways]}',
    ].join('\n');
    const result = parseCluster({ name: 'three.yaml', text: yaml });
    expect(result.issues.map((i) => [i.code, i.doc, i.line, formatPath(i.path)])).toEqual([
      ['yaml-syntax', 1, 5, ''],
      ['invalid-name', 0, undefined, 'metadata.name'],
      ['invalid-value', 2, undefined, 'spec.policyTypes[0]'],
    ]);
  });

  it('a duplicate key is a yaml-syntax error, as it is for kubectl', () => {
    const result = parseCluster('apiVersion: v1\nkind: Pod\nkind: Service\n');
    expect(result.issues.map((i) => [i.code, i.line, i.message])).toEqual([
      ['yaml-syntax', 3, 'invalid YAML: duplicated mapping key (column 1)'],
    ]);
  });

  it('an unknown tag is a yaml-syntax error (no exotic types are built)', () => {
    expect(parseCluster('a: !!js/function "x"').issues.map((i) => i.code)).toEqual(['yaml-syntax']);
    expect(parseCluster('a: !!binary aGk=').issues.map((i) => i.code)).toEqual(['yaml-syntax']);
  });
});
