import type { Cluster, Engine } from '@kube-reach/core';
import { compile } from '@kube-reach/core';
import type { ManifestOptions } from './command.js';

/** The one place the CLI compiles a cluster, with the plugin assumptions of the flags. */
export function createEngine(cluster: Cluster, options: ManifestOptions): Engine {
  return compile(cluster, {
    ipBlockMatchesPods: options.ipBlockMatchesPods,
    ...(options.hostNetworkPods === undefined ? {} : { hostNetworkPods: options.hostNetworkPods }),
  });
}
