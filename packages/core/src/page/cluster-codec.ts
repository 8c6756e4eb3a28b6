import type { Cluster } from '../model/index.js';
import type { EncodedCluster } from './report-data.js';

/**
 * The cluster as JSON for the page. Labels and selectors are Maps (label keys such as
 * `__proto__` are ordinary in Kubernetes), so each distinct map is stored once in `maps` and
 * referenced by index: thousands of pods of one workload share one entry. Source locations
 * are left out; the page never shows them.
 */
export function encodeCluster(cluster: Cluster): EncodedCluster {
  const maps: (readonly (readonly [string, string])[])[] = [];
  const index = new Map<string, number>();
  const walk = (value: unknown, key: string): unknown => {
    if (value instanceof Map) {
      const entries = [...(value as Map<string, string>)];
      const text = JSON.stringify(entries);
      let at = index.get(text);
      if (at === undefined) {
        at = maps.length;
        maps.push(entries);
        index.set(text, at);
      }
      return { $m: at };
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, ''));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === 'source' || v === undefined) continue;
        out[k] = walk(v, k);
      }
      return out;
    }
    return key === 'source' ? undefined : value;
  };
  return { maps, cluster: walk(cluster, '') };
}

/** The cluster of {@link encodeCluster}, with its Maps back; each interned map is shared. */
export function decodeCluster(encoded: EncodedCluster): Cluster {
  const maps = encoded.maps.map((entries) => new Map(entries));
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      const ref = (value as { $m?: unknown }).$m;
      if (typeof ref === 'number' && Object.keys(value).length === 1) return maps[ref];
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v);
      return out;
    }
    return value;
  };
  return walk(encoded.cluster) as Cluster;
}
