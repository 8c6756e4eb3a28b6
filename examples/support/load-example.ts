import { fileURLToPath } from 'node:url';
import type { Cluster } from '@kube-reach/core';
import { loadClusterFromPaths } from '@kube-reach/core/node';

/** What loading an example directory gave: the cluster, and every issue (warnings included). */
export interface LoadedExample {
  readonly cluster: Cluster;
  readonly issues: Awaited<ReturnType<typeof loadClusterFromPaths>>['issues'];
}

/**
 * A function that loads the example directory `dir` (a `file:` URL) the first time it is
 * called and returns the same result afterwards, so every test of a file shares one load.
 * It rejects, listing the issues, when the directory does not load.
 */
export function exampleLoader(dir: URL): () => Promise<LoadedExample> {
  const load = async (): Promise<LoadedExample> => {
    const result = await loadClusterFromPaths([fileURLToPath(dir)]);
    if (!result.ok) {
      throw new Error(`${dir.pathname} does not load: ${JSON.stringify(result.issues, null, 2)}`);
    }
    return { cluster: result.cluster, issues: result.issues };
  };
  let loaded: Promise<LoadedExample> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}
