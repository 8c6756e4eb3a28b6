import { describe, expect, it } from 'vitest';
import { type Issue, parseCluster } from './index.js';

const node = (name: string, rest = '') =>
  `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}, labels: {zone: a}}\n${rest}`;

const addresses = (...entries: string[]) =>
  `status:\n  addresses:\n${entries.map((e) => `  - ${e}\n`).join('')}`;

function pod(name: string, spec: string, status = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ns}\nspec: {${spec}, containers: [{name: c}]}\n${status}`;
}

const join = (...docs: string[]) => docs.join('\n---\n');

function ok(yaml: string) {
  const result = parseCluster(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

function problems(yaml: string): [Issue['severity'], Issue['code'], Issue['path']][] {
  return parseCluster(yaml).issues.map((i) => [i.severity, i.code, i.path]);
}

describe('Node objects', () => {
  it('reads labels and the IPs of status.addresses, sorted, without host names', () => {
    const { cluster, issues } = ok(
      node(
        'worker-1',
        addresses(
          '{type: Hostname, address: worker-1}',
          '{type: ExternalIP, address: 203.0.113.7}',
          '{type: InternalIP, address: 10.0.0.10}',
          '{type: InternalIP, address: 10.0.0.9}',
          '{type: InternalIP, address: "fd00::5"}',
          '{type: InternalDNS, address: worker-1.internal}',
        ),
      ),
    );
    expect(issues).toEqual([]);
    expect(cluster.nodes).toEqual([
      {
        name: 'worker-1',
        labels: new Map([['zone', 'a']]),
        addresses: ['10.0.0.9', '10.0.0.10', '203.0.113.7', 'fd00::5'],
        synthesized: false,
        source: { file: '<input>', doc: 0 },
      },
    ]);
  });

  it('is no longer an unknown kind', () => {
    const result = ok(node('n1'));
    expect(result.issues.map((i) => i.code)).not.toContain('unknown-kind');
    expect(result.unevaluated).toEqual([]);
  });

  it('has no nodes list when the input names none', () => {
    expect(ok(pod('a', 'hostNetwork: false')).cluster.nodes).toBeUndefined();
  });

  it('warns about an address that is not an IP, and leaves it out', () => {
    const yaml = node('n1', addresses('{type: InternalIP, address: 10.0.0.300}'));
    expect(problems(yaml)).toEqual([
      ['warning', 'invalid-value', ['status', 'addresses', 0, 'address']],
    ]);
    expect(ok(yaml).cluster.nodes?.[0]?.addresses).toEqual([]);
  });

  it('warns about an unknown address type', () => {
    expect(problems(node('n1', addresses('{type: PublicIP, address: 10.0.0.1}')))).toEqual([
      ['warning', 'invalid-value', ['status', 'addresses', 0, 'type']],
    ]);
  });

  it('checks fields of spec and of each address', () => {
    expect(
      problems(
        node(
          'n1',
          `spec: {podCIDR: 10.1.0.0/24, unschedulabel: true}\n${addresses('{type: InternalIP, address: 10.0.0.1, port: 1}')}`,
        ),
      ),
    ).toEqual([
      ['warning', 'unknown-field', ['spec', 'unschedulabel']],
      ['warning', 'unknown-field', ['status', 'addresses', 0, 'port']],
    ]);
  });

  it('rejects a name that is not a DNS-1123 subdomain', () => {
    expect(problems(node('Worker_1'))).toEqual([['error', 'invalid-name', ['metadata', 'name']]]);
  });

  it('reports a duplicate Node like any duplicate object', () => {
    const result = ok(join(node('n1'), node('n1')));
    expect(result.issues.map((i) => i.code)).toEqual(['duplicate-object']);
    expect(result.cluster.nodes).toHaveLength(1);
  });

  it('rejects a wrong-typed addresses list', () => {
    expect(problems(node('n1', 'status: {addresses: 10.0.0.1}'))).toEqual([
      ['error', 'wrong-type', ['status', 'addresses']],
    ]);
  });
});

describe('pods on nodes', () => {
  it('fills nodeName from spec.nodeName, for pods and templates', () => {
    const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ns}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {nodeName: n2, containers: [{name: c}]}`;
    const { cluster } = ok(join(node('n1'), pod('a', 'nodeName: n1'), deployment));
    expect(cluster.pods.map((p) => [p.name, p.nodeName])).toEqual([
      ['a', 'n1'],
      ['deployment/web', 'n2'],
    ]);
  });

  it('rejects a nodeName that is not a DNS-1123 subdomain', () => {
    expect(problems(pod('a', 'nodeName: Bad_Node'))).toEqual([
      ['error', 'invalid-name', ['spec', 'nodeName']],
    ]);
  });

  it('synthesizes a node for a nodeName no Node declares, with its pods host IPs', () => {
    const { cluster } = ok(
      join(
        node('n1', addresses('{type: InternalIP, address: 10.0.0.1}')),
        pod('a', 'nodeName: n1', 'status: {hostIP: 10.0.0.1, podIP: 10.1.0.5}'),
        pod(
          'b',
          'nodeName: n2',
          'status: {hostIPs: [{ip: 10.0.0.2}, {ip: "fd00::2"}], podIP: 10.1.1.5}',
        ),
        pod('c', 'nodeName: n2', 'status: {hostIP: 10.0.0.2}'),
        pod('d', 'nodeName: n3'),
      ),
    );
    expect(cluster.nodes?.map((n) => [n.name, n.addresses, n.synthesized, n.labels.size])).toEqual([
      ['n1', ['10.0.0.1'], false, 1],
      ['n2', ['10.0.0.2', 'fd00::2'], true, 0],
      ['n3', [], true, 0],
    ]);
  });

  it('warns about a host IP that is not an IP', () => {
    expect(problems(pod('a', 'nodeName: n1', 'status: {hostIPs: [{ip: nope}]}'))).toEqual([
      ['warning', 'invalid-value', ['status', 'hostIPs', 0, 'ip']],
    ]);
  });

  it('gives a host-network pod without an IP its node IP: InternalIP before ExternalIP', () => {
    const { cluster } = ok(
      join(
        node(
          'n1',
          addresses(
            '{type: ExternalIP, address: 203.0.113.1}',
            '{type: InternalIP, address: 10.0.0.1}',
          ),
        ),
        node('n2', addresses('{type: ExternalIP, address: 203.0.113.2}')),
        pod('a', 'nodeName: n1, hostNetwork: true'),
        pod('b', 'nodeName: n2, hostNetwork: true'),
        pod('c', 'nodeName: n3, hostNetwork: true', 'status: {hostIP: 10.0.0.3}'),
        pod('d', 'nodeName: n1, hostNetwork: true', 'status: {podIP: 10.0.0.99}'),
        pod('e', 'nodeName: n1'),
        pod('f', 'nodeName: n4, hostNetwork: true'),
      ),
    );
    expect(cluster.pods.map((p) => [p.name, p.ips])).toEqual([
      ['a', ['10.0.0.1']],
      ['b', ['203.0.113.2']],
      ['c', ['10.0.0.3']],
      ['d', ['10.0.0.99']],
      ['e', []],
      ['f', []],
    ]);
  });
});
