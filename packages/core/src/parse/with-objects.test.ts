import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClusterLoadError } from '../errors.js';
import { formatPodRef } from '../model/index.js';
import { loadCluster } from './index.js';
import { withObjects } from './with-objects.js';

const shop = loadCluster(
  readFileSync(new URL('../../test/fixtures/kit-shop.yaml', import.meta.url), 'utf8'),
);

const pod = (namespace: string, name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace, name, labels },
  spec: { containers: [{ name: 'c', image: 'i' }] },
});

describe('withObjects', () => {
  it('adds pods in order and leaves the cluster as it was', () => {
    const before = shop.pods.map(formatPodRef);
    const merged = withObjects(shop, [pod('shop', 'a-new'), pod('ops', 'z-new')]);
    expect(merged.pods.map(formatPodRef)).toEqual(
      [...before, 'shop/a-new', 'ops/z-new'].sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(shop.pods.map(formatPodRef)).toEqual(before);
  });

  it('replaces an object with the same kind, namespace and name, as kubectl apply does', () => {
    const merged = withObjects(shop, [pod('ops', 'debug', { app: 'other' })]);
    const debug = merged.pods.filter((p) => formatPodRef(p) === 'ops/debug');
    expect(debug).toHaveLength(1);
    expect(debug[0]?.labels.get('app')).toBe('other');
  });

  it('infers a namespace only the added objects use, and keeps declared ones', () => {
    const merged = withObjects(shop, [pod('new-ns', 'p'), pod('shop', 'q')]);
    expect(merged.namespaces.map((n) => [n.name, n.synthesized])).toEqual([
      ['new-ns', true],
      ['ops', false],
      ['shop', false],
    ]);
    expect(merged.namespaces.find((n) => n.name === 'shop')?.labels.get('env')).toBe('prod');
  });

  it('lets a Namespace object replace one the cluster only inferred', () => {
    const inferred = withObjects(shop, [pod('new-ns', 'p')]);
    const declared = withObjects(inferred, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'new-ns', labels: { a: 'b' } } },
    ]);
    const ns = declared.namespaces.find((n) => n.name === 'new-ns');
    expect(ns?.synthesized).toBe(false);
    expect(ns?.labels.get('a')).toBe('b');
  });

  it('throws ClusterLoadError, with the issues, for an invalid manifest', () => {
    const bad = { ...pod('shop', 'p'), metadata: { namespace: 'shop', name: 'Not_Valid' } };
    let error: unknown;
    try {
      withObjects(shop, [bad]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClusterLoadError);
    expect((error as ClusterLoadError).issues.map((i) => i.code)).toContain('invalid-name');
  });
});
