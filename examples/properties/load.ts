import { fileURLToPath } from 'node:url';
import type { Cluster } from '@kube-reach/core';
import { loadClusterFromPaths } from '@kube-reach/core/node';

/** Loads an example directory (`seed`, `shop`) as a user loads their manifests. */
export async function loadExample(name: string): Promise<Cluster> {
  const dir = fileURLToPath(new URL(`../${name}`, import.meta.url));
  const result = await loadClusterFromPaths([dir]);
  if (!result.ok) throw new Error(`${name}: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.cluster;
}
