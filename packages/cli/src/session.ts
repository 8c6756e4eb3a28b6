import type { Cluster, EndpointResolution, Engine, UnevaluatedObject } from '@kube-reach/core';
import { hypotheticalPodsOf, resolveEndpoint, withHypotheticalPods } from '@kube-reach/core';
import type { ManifestOptions } from './command.js';
import { ExitCode } from './command.js';
import { createEngine } from './evaluate.js';
import type { Io } from './io.js';
import { loadCluster } from './load-cluster.js';
import { printIssues } from './print.js';
import type { Progress } from './progress.js';
import { compilingText } from './progress.js';

/** Manifests loaded and compiled, ready to resolve endpoints against. */
export interface Session {
  /** The cluster as compiled: the manifests plus any hypothetical pods the command names. */
  readonly cluster: Cluster;
  readonly engine: Engine;
  /** Policies that can change traffic but are not evaluated (Cilium, Calico, ...). */
  readonly unevaluated: readonly UnevaluatedObject[];
  resolve(text: string): EndpointResolution;
}

export interface SessionOptions extends ManifestOptions {
  readonly clusterCidrs: readonly string[];
  /** `-q`: no warnings (errors are still printed). */
  readonly quiet: boolean;
}

/**
 * Loads the manifests of `-f`, adds the hypothetical pods (`ns/[app=web]`) that `endpoints`
 * name, and compiles. Prints load issues on stderr (warnings unless quiet) and returns the
 * exit code when the manifests do not load.
 */
export async function openSession(
  io: Io,
  options: SessionOptions,
  endpoints: readonly string[],
  progress: Progress,
): Promise<Session | number> {
  const loaded = await loadCluster(io, options, progress);
  progress.done();
  // Errors are printed even with -q: exit code 2 needs its reason.
  printIssues(io, loaded.issues, options.quiet);
  if (!loaded.ok) return ExitCode.invalid;
  const cluster = withHypotheticalPods(
    loaded.cluster,
    hypotheticalPodsOf(endpoints, options.namespace),
  );
  progress.update(compilingText(cluster));
  const engine = createEngine(cluster, options);
  progress.done();
  const resolveOptions = {
    defaultNamespace: options.namespace,
    clusterCidrs: options.clusterCidrs,
  };
  return {
    cluster,
    engine,
    unevaluated: loaded.unevaluated,
    resolve: (text) => resolveEndpoint(engine, text, resolveOptions),
  };
}
