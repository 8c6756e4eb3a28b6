import { describe, expect, it } from 'vitest';
import { loadCluster } from '../parse/index.js';
import { isAddressIn, sampleAddresses } from './address-samples.js';
import { hypotheticalPod, withHypotheticalPods } from './hypothetical-pods.js';
import { parseEndpoint } from './parse-endpoint.js';
import { findServicePort, serviceBackends, serviceTargetPort } from './services.js';

const YAML = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db, tier: data}}
    spec: {containers: [{name: pg, image: pg, ports: [{name: pg, containerPort: 15432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  selector: {app: db}
  ports: [{name: pg, port: 5432, targetPort: pg}, {name: raw, port: 6000, targetPort: 7000}]
---
apiVersion: v1
kind: Service
metadata: {name: external-db, namespace: shop}
spec:
  ports: [{port: 5432}]
`;

describe('Services', () => {
  const cluster = loadCluster(YAML);
  const db = cluster.services.find((s) => s.name === 'db');
  const external = cluster.services.find((s) => s.name === 'external-db');

  it('finds the backing pods by selector, and none without one', () => {
    if (!db || !external) throw new Error('services missing');
    expect(serviceBackends(cluster, db).map((p) => p.name)).toEqual(['statefulset/db']);
    expect(serviceBackends(cluster, external)).toEqual([]);
  });

  it('translates a Service port to the pod port, by number or by container port name', () => {
    if (!db) throw new Error('service missing');
    const [pod] = serviceBackends(cluster, db);
    if (!pod) throw new Error('no backend');
    const pg = findServicePort(db, 5432, 'TCP');
    const raw = findServicePort(db, 'raw', 'TCP');
    expect(pg && serviceTargetPort(pg, pod)).toBe(15432);
    expect(raw && serviceTargetPort(raw, pod)).toBe(7000);
    expect(findServicePort(db, 5432, 'UDP')).toBeUndefined();
  });
});

describe('withHypotheticalPods', () => {
  it('adds a labelled pod without IP or ports, and its namespace when missing', () => {
    const parsed = parseEndpoint('new-ns/[app=web]');
    if (!parsed.ok || parsed.spec.kind !== 'labels') throw new Error('bad spec');
    const cluster = withHypotheticalPods(loadCluster(YAML), [
      hypotheticalPod(parsed.spec, 'default'),
    ]);
    const pod = cluster.pods.find((p) => p.namespace === 'new-ns');
    expect(pod).toMatchObject({ name: '[app=web]', ips: [], ports: [], fromTemplate: false });
    expect(cluster.namespaces.map((ns) => ns.name)).toEqual(['new-ns', 'shop']);
  });
});

describe('sampleAddresses', () => {
  const atoms = [
    { family: 4 as const, first: '0.0.0.0', last: '203.0.112.255' },
    { family: 4 as const, first: '203.0.113.0', last: '203.0.113.127' },
    { family: 4 as const, first: '203.0.113.128', last: '255.255.255.255' },
  ];

  it('gives one address per atom the region meets, inside the region', () => {
    expect(sampleAddresses(atoms, ['203.0.113.0/24'], [])).toEqual([
      {
        address: '203.0.113.0',
        range: '203.0.113.0-203.0.113.127',
        span: '203.0.113.0-203.0.113.127',
      },
      {
        address: '203.0.113.128',
        range: '203.0.113.128-203.0.113.255',
        span: '203.0.113.128-203.0.113.255',
      },
    ]);
  });

  it('leaves out excluded blocks and addresses', () => {
    expect(sampleAddresses(atoms, ['203.0.113.0/25'], ['203.0.113.0'])).toEqual([
      {
        address: '203.0.113.1',
        range: '203.0.113.1-203.0.113.127',
        span: '203.0.113.1-203.0.113.127',
      },
    ]);
  });

  it('spans a range with holes from its first to its last address', () => {
    const [sample] = sampleAddresses(atoms.slice(0, 1), ['0.0.0.0/0'], ['10.0.0.0/8']);
    expect(sample?.range).toBe('0.0.0.0-9.255.255.255,11.0.0.0-203.0.112.255');
    expect(sample?.span).toBe('0.0.0.0-203.0.112.255');
  });
});

describe('isAddressIn', () => {
  it('checks an address against CIDRs and addresses of both families', () => {
    expect(isAddressIn('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isAddressIn('11.1.2.3', ['10.0.0.0/8', '11.1.2.4'])).toBe(false);
    expect(isAddressIn('fd00::1', ['fd00::/64'])).toBe(true);
    expect(isAddressIn('not-an-ip', ['0.0.0.0/0'])).toBe(false);
  });
});
