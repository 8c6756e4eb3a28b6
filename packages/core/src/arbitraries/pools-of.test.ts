import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../parse/index.js';
import { POOLS, poolsOf } from './index.js';

const shop = loadCluster(
  readFileSync(new URL('../../test/fixtures/kit-shop.yaml', import.meta.url), 'utf8'),
);

describe('poolsOf', () => {
  const pools = poolsOf(shop);

  it('takes namespaces, and pod label keys and values from pods and selectors', () => {
    expect(pools.namespaces).toEqual(['ops', 'shop']);
    expect([...pools.labelKeys].sort()).toEqual(['app', 'tier']);
    expect([...pools.labelValues].sort()).toEqual([
      'api',
      'ci',
      'db',
      'debug',
      'monitor',
      'shop',
      'web',
    ]);
  });

  it('takes namespace labels and namespace selectors, but not the name label', () => {
    expect([...pools.namespaceLabelKeys].sort()).toEqual(['env', 'team']);
    expect([...pools.namespaceLabelValues].sort()).toEqual(['devops', 'prod']);
  });

  it('takes port names and numbers from containers and rules, range ends included', () => {
    expect([...pools.portNames].sort()).toEqual(['http', 'pg']);
    expect(pools.portNumbers).toEqual([443, 5432, 8080, 8090]);
  });

  it('takes ipBlocks, and addresses on both sides of their boundaries', () => {
    expect(pools.ipBlocks).toEqual([{ cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] }]);
    expect(pools.addresses).toEqual(
      expect.arrayContaining(['203.0.113.0', '203.0.113.128', '203.0.112.255', '203.0.114.0']),
    );
    expect(pools.podIps).toEqual([]);
  });

  it('falls back to the shared pools for what the cluster does not have', () => {
    const empty = poolsOf({ namespaces: [], pods: [], workloads: [], services: [], policies: [] });
    expect(empty.labelKeys).toEqual(POOLS.labelKeys);
    expect(empty.portNames).toEqual(POOLS.portNames);
    expect(empty.namespaces).toEqual(POOLS.namespaces);
    expect(empty.addresses.length).toBeGreaterThan(0);
  });
});
