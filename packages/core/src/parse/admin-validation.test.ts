import { describe, expect, it } from 'vitest';
import { type Issue, parseCluster } from './index.js';

type Problem = [Issue['severity'], Issue['code'], Issue['path']];

/** The issues of one object, without the `unknown-kind` note every admin policy has for now. */
function problems(yaml: string): Problem[] {
  return parseCluster(yaml)
    .issues.filter((i) => i.code !== 'unknown-kind')
    .map((i) => [i.severity, i.code, i.path]);
}

const anp = (spec: string, name = 'p') =>
  `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: ${name}}\nspec: ${spec}`;
const banp = (spec: string, name = 'default') =>
  `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: ${name}}\nspec: ${spec}`;
const cnp = (spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: p}\nspec: ${spec}`;

const SUBJECT = 'subject: {namespaces: {}}';
const anpRule = (direction: string, rule: string) =>
  anp(`{priority: 1, ${SUBJECT}, ${direction}: [${rule}]}`);
const cnpRule = (direction: string, rule: string) =>
  cnp(`{tier: Admin, priority: 1, ${SUBJECT}, ${direction}: [${rule}]}`);
const many = (n: number, item: string) => Array.from({ length: n }, () => item).join(', ');
const NS_PEER = '{namespaces: {}}';
const I0 = ['spec', 'ingress', 0];
const E0 = ['spec', 'egress', 0];

describe('admin policy spec', () => {
  it.each([
    ['ANP priority missing', anp(`{${SUBJECT}}`), ['error', 'missing-field', ['spec', 'priority']]],
    [
      'ANP priority above 1000',
      anp(`{priority: 1001, ${SUBJECT}}`),
      ['error', 'invalid-value', ['spec', 'priority']],
    ],
    [
      'ANP priority below 0',
      anp(`{priority: -1, ${SUBJECT}}`),
      ['error', 'invalid-value', ['spec', 'priority']],
    ],
    [
      'CNP priority above 1000',
      cnp(`{tier: Admin, priority: 1001, ${SUBJECT}}`),
      ['error', 'invalid-value', ['spec', 'priority']],
    ],
    [
      'CNP tier missing',
      cnp(`{priority: 1, ${SUBJECT}}`),
      ['error', 'missing-field', ['spec', 'tier']],
    ],
    [
      'CNP tier unknown',
      cnp(`{tier: NetworkPolicy, priority: 1, ${SUBJECT}}`),
      ['error', 'invalid-value', ['spec', 'tier']],
    ],
    ['subject missing', anp('{priority: 1}'), ['error', 'missing-field', ['spec', 'subject']]],
    [
      'subject empty',
      anp('{priority: 1, subject: {}}'),
      ['error', 'missing-field', ['spec', 'subject']],
    ],
    [
      'subject with both',
      anp(
        '{priority: 1, subject: {namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}}',
      ),
      ['error', 'invalid-value', ['spec', 'subject']],
    ],
    [
      'v1alpha1 pods without namespaceSelector',
      anp('{priority: 1, subject: {pods: {podSelector: {}}}}'),
      ['error', 'missing-field', ['spec', 'subject', 'pods', 'namespaceSelector']],
    ],
    [
      'pods without podSelector',
      cnp('{tier: Admin, priority: 1, subject: {pods: {namespaceSelector: {}}}}'),
      ['error', 'missing-field', ['spec', 'subject', 'pods', 'podSelector']],
    ],
    [
      'spec missing',
      'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: p}',
      ['error', 'missing-field', ['spec']],
    ],
    [
      'a BANP with a priority',
      banp(`{priority: 1, ${SUBJECT}}`),
      ['warning', 'unknown-field', ['spec', 'priority']],
    ],
    [
      'a BANP not named default',
      banp(`{${SUBJECT}}`, 'other'),
      ['error', 'invalid-name', ['metadata', 'name']],
    ],
  ] as const)('%s', (_, yaml, expected) => {
    expect(problems(yaml)).toEqual([expected]);
  });

  it('accepts a v1alpha2 pods subject without namespaceSelector: every namespace', () => {
    const result = parseCluster(
      cnp('{tier: Admin, priority: 1, subject: {pods: {podSelector: {}}}}'),
    );
    expect(result.ok).toBe(true);
  });

  it('fails the whole input for an invalid policy', () => {
    const result = parseCluster(anp('{priority: 5000, subject: {}}'));
    expect(result.ok).toBe(false);
    expect(result.unevaluated).toEqual([]);
  });
});

describe('admin policy rules and peers', () => {
  it.each([
    [
      'v1alpha1: 101 ingress rules',
      anp(
        `{priority: 1, ${SUBJECT}, ingress: [${many(101, `{action: Deny, from: [${NS_PEER}]}`)}]}`,
      ),
      ['error', 'invalid-value', ['spec', 'ingress']],
    ],
    [
      'v1alpha2: 26 egress rules',
      cnp(
        `{tier: Admin, priority: 1, ${SUBJECT}, egress: [${many(26, `{action: Deny, to: [${NS_PEER}]}`)}]}`,
      ),
      ['error', 'invalid-value', ['spec', 'egress']],
    ],
    [
      'v1alpha1: 101 peers',
      anpRule('ingress', `{action: Deny, from: [${many(101, NS_PEER)}]}`),
      ['error', 'invalid-value', [...I0, 'from']],
    ],
    [
      'v1alpha2: 26 peers',
      cnpRule('egress', `{action: Deny, to: [${many(26, NS_PEER)}]}`),
      ['error', 'invalid-value', [...E0, 'to']],
    ],
    [
      'no peers',
      anpRule('ingress', '{action: Deny, from: []}'),
      ['error', 'invalid-value', [...I0, 'from']],
    ],
    [
      'peers missing',
      anpRule('egress', '{action: Deny}'),
      ['error', 'missing-field', [...E0, 'to']],
    ],
    [
      'action missing',
      anpRule('ingress', `{from: [${NS_PEER}]}`),
      ['error', 'missing-field', [...I0, 'action']],
    ],
    [
      'v1alpha1 action Accept',
      anpRule('ingress', `{action: Accept, from: [${NS_PEER}]}`),
      ['error', 'invalid-value', [...I0, 'action']],
    ],
    [
      'v1alpha2 action Allow',
      cnpRule('ingress', `{action: Allow, from: [${NS_PEER}]}`),
      ['error', 'invalid-value', [...I0, 'action']],
    ],
    [
      'BANP action Pass',
      banp(`{${SUBJECT}, ingress: [{action: Pass, from: [${NS_PEER}]}]}`),
      ['error', 'invalid-value', [...I0, 'action']],
    ],
    [
      'rule name over 100 characters',
      anpRule('ingress', `{name: ${'n'.repeat(101)}, action: Deny, from: [${NS_PEER}]}`),
      ['error', 'invalid-value', [...I0, 'name']],
    ],
    [
      'peer with no field',
      anpRule('ingress', '{action: Deny, from: [{}]}'),
      ['error', 'missing-field', [...I0, 'from', 0]],
    ],
    [
      'peer with two fields',
      anpRule(
        'egress',
        '{action: Deny, to: [{namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}]}',
      ),
      ['error', 'invalid-value', [...E0, 'to', 0]],
    ],
    [
      'ingress nodes peer',
      anpRule('ingress', '{action: Deny, from: [{nodes: {}}]}'),
      ['error', 'invalid-value', [...I0, 'from', 0, 'nodes']],
    ],
    [
      'ingress networks peer',
      cnpRule('ingress', '{action: Deny, from: [{networks: [10.0.0.0/8]}]}'),
      ['error', 'invalid-value', [...I0, 'from', 0, 'networks']],
    ],
    [
      'ingress domainNames peer',
      cnpRule('ingress', '{action: Deny, from: [{domainNames: [a.com]}]}'),
      ['error', 'invalid-value', [...I0, 'from', 0, 'domainNames']],
    ],
    [
      'unknown rule field',
      anpRule('ingress', `{action: Deny, from: [${NS_PEER}], protocols: []}`),
      ['warning', 'unknown-field', [...I0, 'protocols']],
    ],
  ] as const)('%s', (_, yaml, expected) => {
    expect(problems(yaml)).toEqual([expected]);
  });

  const egressTo = (peer: string, extra = '') =>
    cnpRule('egress', `{action: Accept, to: [${peer}]${extra}}`);
  const NET = [...E0, 'to', 0, 'networks'];
  const DOMAINS = [...E0, 'to', 0, 'domainNames'];

  it.each([
    ['a bad CIDR', egressTo('{networks: [10.0.0.0/33]}'), [...NET, 0], 'bad-cidr'],
    ['a CIDR with leading zeros', egressTo('{networks: [010.0.0.0/8]}'), [...NET, 0], 'bad-cidr'],
    [
      'a CIDR over 43 characters',
      egressTo(`{networks: ["${'0:'.repeat(20)}:/64"]}`),
      [...NET, 0],
      'bad-cidr',
    ],
    [
      'a duplicate CIDR',
      egressTo('{networks: [10.0.0.0/8, 10.0.0.0/8]}'),
      [...NET, 1],
      'invalid-value',
    ],
    [
      '26 CIDRs',
      egressTo(
        `{networks: [${Array.from({ length: 26 }, (_, i) => `10.0.${i}.0/24`).join(', ')}]}`,
      ),
      NET,
      'invalid-value',
    ],
    ['no CIDR', egressTo('{networks: []}'), NET, 'invalid-value'],
    [
      'a bad domain name',
      egressTo('{domainNames: ["a*.example.com"]}'),
      [...DOMAINS, 0],
      'invalid-value',
    ],
    [
      'a one-label domain name',
      egressTo('{domainNames: [localhost]}'),
      [...DOMAINS, 0],
      'invalid-value',
    ],
  ] as const)('rejects %s', (_, yaml, path, code) => {
    expect(problems(yaml).filter(([severity]) => severity === 'error')).toEqual([
      ['error', code, path],
    ]);
  });

  it('accepts a CIDR with host bits set, as isCIDR does; networks is standard in v1alpha2', () => {
    expect(problems(egressTo('{networks: [10.0.0.1/8]}'))).toEqual([]);
  });

  it('forbids a named port in a rule with networks, nodes or domainNames peers (CEL)', () => {
    const yaml = egressTo('{nodes: {}}', ', protocols: [{destinationNamedPort: http}]');
    expect(problems(yaml).filter(([severity]) => severity === 'error')).toEqual([
      ['error', 'invalid-value', E0],
    ]);
  });

  it('flags v1alpha2 experimental fields: nodes, domainNames, destinationNamedPort', () => {
    const yaml = cnpRule(
      'egress',
      '{action: Accept, to: [{nodes: {}}, {domainNames: [a.example.com]}, {networks: [10.0.0.0/8]}]}, {action: Accept, to: [{pods: {podSelector: {}}}], protocols: [{destinationNamedPort: http}]}',
    );
    expect(problems(yaml)).toEqual([
      ['warning', 'experimental-field', [...E0, 'to', 0, 'nodes']],
      ['warning', 'experimental-field', [...E0, 'to', 1, 'domainNames']],
      // Questions are about pods and IPs: a domain rule never matches them.
      ['warning', 'unsupported-field', [...E0, 'to', 1, 'domainNames']],
      [
        'warning',
        'experimental-field',
        ['spec', 'egress', 1, 'protocols', 0, 'destinationNamedPort'],
      ],
    ]);
  });
});

describe('admin policy ports', () => {
  const anpPorts = (ports: string) =>
    anpRule('ingress', `{action: Deny, from: [${NS_PEER}], ports: [${ports}]}`);
  const cnpProtocols = (protocols: string) =>
    cnpRule('ingress', `{action: Deny, from: [${NS_PEER}], protocols: [${protocols}]}`);
  const P0 = [...I0, 'ports', 0];
  const Q0 = [...I0, 'protocols', 0];

  it.each([
    [
      'v1alpha1 port 0',
      anpPorts('{portNumber: {port: 0}}'),
      ['error', 'bad-port', [...P0, 'portNumber', 'port']],
    ],
    [
      'v1alpha1 port 65536',
      anpPorts('{portNumber: {port: 65536}}'),
      ['error', 'bad-port', [...P0, 'portNumber', 'port']],
    ],
    [
      'v1alpha1 port missing',
      anpPorts('{portNumber: {protocol: TCP}}'),
      ['error', 'missing-field', [...P0, 'portNumber', 'port']],
    ],
    [
      'v1alpha1 bad protocol',
      anpPorts('{portNumber: {protocol: ICMP, port: 1}}'),
      ['error', 'bad-protocol', [...P0, 'portNumber', 'protocol']],
    ],
    [
      'v1alpha1 two port forms',
      anpPorts('{portNumber: {port: 1}, namedPort: x}'),
      ['error', 'invalid-value', P0],
    ],
    ['v1alpha1 no port form', anpPorts('{}'), ['error', 'missing-field', P0]],
    [
      'v1alpha1 range end missing',
      anpPorts('{portRange: {start: 1}}'),
      ['error', 'missing-field', [...P0, 'portRange', 'end']],
    ],
    [
      'v1alpha1 start > end',
      anpPorts('{portRange: {start: 9, end: 8}}'),
      ['warning', 'bad-port', [...P0, 'portRange', 'end']],
    ],
    [
      'v1alpha1 start = end',
      anpPorts('{portRange: {start: 9, end: 9}}'),
      ['warning', 'bad-port', [...P0, 'portRange', 'end']],
    ],
    [
      'v1alpha1 empty ports',
      anpRule('ingress', `{action: Deny, from: [${NS_PEER}], ports: []}`),
      ['error', 'invalid-value', [...I0, 'ports']],
    ],
    [
      'v1alpha1 101 ports',
      anpPorts(many(101, '{portNumber: {port: 1}}')),
      ['error', 'invalid-value', [...I0, 'ports']],
    ],
    [
      'v1alpha2 26 protocols',
      cnpProtocols(many(26, '{tcp: {destinationPort: {number: 1}}}')),
      ['error', 'invalid-value', [...I0, 'protocols']],
    ],
    [
      'v1alpha2 number 0',
      cnpProtocols('{tcp: {destinationPort: {number: 0}}}'),
      ['error', 'bad-port', [...Q0, 'tcp', 'destinationPort', 'number']],
    ],
    [
      'v1alpha2 start = end',
      cnpProtocols('{udp: {destinationPort: {range: {start: 5, end: 5}}}}'),
      ['error', 'bad-port', [...Q0, 'udp', 'destinationPort', 'range', 'end']],
    ],
    [
      'v1alpha2 start > end',
      cnpProtocols('{sctp: {destinationPort: {range: {start: 6, end: 5}}}}'),
      ['error', 'bad-port', [...Q0, 'sctp', 'destinationPort', 'range', 'end']],
    ],
    [
      'v1alpha2 range end 70000',
      cnpProtocols('{tcp: {destinationPort: {range: {start: 6, end: 70000}}}}'),
      ['error', 'bad-port', [...Q0, 'tcp', 'destinationPort', 'range', 'end']],
    ],
    [
      'v1alpha2 tcp without destinationPort',
      cnpProtocols('{tcp: {}}'),
      ['error', 'missing-field', [...Q0, 'tcp', 'destinationPort']],
    ],
    [
      'v1alpha2 number and range',
      cnpProtocols('{tcp: {destinationPort: {number: 1, range: {start: 1, end: 2}}}}'),
      ['error', 'invalid-value', [...Q0, 'tcp', 'destinationPort']],
    ],
    [
      'v1alpha2 tcp and udp in one entry',
      cnpProtocols('{tcp: {destinationPort: {number: 1}}, udp: {destinationPort: {number: 1}}}'),
      ['error', 'invalid-value', Q0],
    ],
  ] as const)('%s', (_, yaml, expected) => {
    expect(problems(yaml).filter(([, code]) => code !== 'experimental-field')).toEqual([expected]);
  });

  it('reads a v1alpha1 range with start = end as that port, and start > end as none', () => {
    const ports = (yaml: string) => {
      const result = parseCluster(yaml);
      return result.ok ? result.cluster.adminPolicies?.[0]?.ingress[0]?.ports : undefined;
    };
    expect(ports(anpPorts('{portRange: {start: 9, end: 9}}'))).toEqual([
      { kind: 'range', protocol: 'TCP', first: 9, last: 9 },
    ]);
    expect(ports(anpPorts('{portRange: {start: 9, end: 8}}'))).toEqual([]);
  });
});
