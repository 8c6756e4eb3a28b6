import { describe, expect, it } from 'vitest';
import { parseCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { formatEndpointSpec, parseEndpoint } from './parse-endpoint.js';
import { resolveEndpoint } from './resolve-endpoint.js';

const YAML = `
apiVersion: v1
kind: Node
metadata: {name: worker-1}
status: {addresses: [{type: InternalIP, address: 10.0.0.5}, {type: ExternalIP, address: 203.0.113.5}]}
---
apiVersion: v1
kind: Node
metadata: {name: worker-2}
status: {addresses: [{type: InternalIP, address: 10.0.0.6}]}
---
apiVersion: v1
kind: Node
metadata: {name: bare}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: kube-system}
spec: {nodeName: worker-2, hostNetwork: true, containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: agent-b, namespace: kube-system}
spec: {nodeName: worker-1, hostNetwork: true, containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: agent-c, namespace: kube-system}
spec: {nodeName: worker-1, hostNetwork: true, containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec: {nodeName: worker-9, containers: [{name: c}]}
status: {hostIP: 10.0.0.9, podIP: 10.1.0.4}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: node}
spec: {containers: [{name: c}]}
`;

function engine() {
  const parsed = parseCluster(YAML);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return compile(parsed.cluster);
}

describe('node endpoints: grammar', () => {
  it.each(['node/worker-1', 'nodes/worker-1', 'no/worker-1', 'Node/worker-1'])('%s', (text) => {
    const parsed = parseEndpoint(text);
    expect(parsed.ok && parsed.spec).toMatchObject({ kind: 'node', name: 'worker-1' });
    expect(parsed.ok && formatEndpointSpec(parsed.spec, 'default')).toBe('node/worker-1');
  });

  it('refuses a node in a namespace', () => {
    const parsed = parseEndpoint('shop/node/worker-1');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/nodes have no namespace; write node\/worker-1/);
  });
});

describe('node endpoints: resolution', () => {
  const e = engine();

  it('resolves node/NAME to its addresses, each shown with the node', () => {
    const r = resolveEndpoint(e, 'node/worker-1');
    expect(r.ok && r.endpoint).toEqual({
      name: 'node/worker-1',
      kind: 'node',
      targets: [
        { endpoint: { address: '10.0.0.5' }, name: 'node/worker-1 (10.0.0.5)', node: 'worker-1' },
        {
          endpoint: { address: '203.0.113.5' },
          name: 'node/worker-1 (203.0.113.5)',
          node: 'worker-1',
        },
      ],
      notes: [],
    });
  });

  it('resolves a node only pods name to the host IPs they report', () => {
    const r = resolveEndpoint(e, 'no/worker-9');
    expect(r.ok && r.endpoint.targets.map((t) => t.name)).toEqual(['node/worker-9 (10.0.0.9)']);
    expect(r.ok && r.endpoint.notes).toEqual([
      'node/worker-9 has no Node object; its addresses are the host IPs its pods report',
    ]);
  });

  it('says a node IP typed as an address is that node', () => {
    const r = resolveEndpoint(e, '203.0.113.5');
    expect(r.ok && [r.endpoint.name, r.endpoint.kind, r.endpoint.notes]).toEqual([
      'node/worker-1',
      'node',
      ['203.0.113.5 is an IP of node/worker-1'],
    ]);
  });

  it('names the node, not a shared address, when several host-network pods have its IP', () => {
    const r = resolveEndpoint(e, '10.0.0.5');
    expect(r.ok && r.endpoint.name).toBe('node/worker-1');
    expect(r.ok && r.endpoint.notes).toEqual([
      '10.0.0.5 is an IP of node/worker-1 (and of host-network pods kube-system/agent-b, kube-system/agent-c)',
    ]);
  });

  it('keeps naming the one pod that has an IP, as before', () => {
    const r = resolveEndpoint(e, '10.0.0.6');
    expect(r.ok && r.endpoint.name).toBe('kube-system/agent');
  });

  it('suggests close node names for a misspelt one', () => {
    const r = resolveEndpoint(e, 'node/worker1');
    expect(!r.ok && r.issue).toMatchObject({
      code: 'unknown-name',
      message: 'no node worker1',
      candidates: ['node/worker-1', 'node/worker-2', 'node/worker-9'],
    });
  });

  it('says when a node has no known address', () => {
    const r = resolveEndpoint(e, 'node/bare');
    expect(!r.ok && r.issue.code).toBe('no-addresses');
  });

  it('reads node/NAME as a pod in a namespace called node when no node has the name', () => {
    const r = resolveEndpoint(e, 'node/web');
    expect(r.ok && r.endpoint.name).toBe('node/web');
    expect(r.ok && r.endpoint.kind).toBe('pod');
  });

  it('says the input has no nodes at all when it has none', () => {
    const parsed = parseCluster('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}');
    if (!parsed.ok) throw new Error('does not parse');
    const r = resolveEndpoint(compile(parsed.cluster), 'node/x');
    expect(!r.ok && r.issue.message).toMatch(/no Node objects/);
  });
});
