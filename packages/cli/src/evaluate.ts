import type { Cluster, Engine, SemanticsOptions } from '@kube-reach/core';
import { compile } from '@kube-reach/core';
import type { ManifestOptions } from './command.js';

/** The one place the CLI compiles a cluster, with the plugin assumptions of the flags. */
export function createEngine(cluster: Cluster, options: ManifestOptions): Engine {
  return compile(cluster, semanticsOf(options));
}

/** The plugin options of the flags: `--cni`, and the two switches when given. */
export function semanticsOf(
  options: Pick<ManifestOptions, 'cni' | 'ipBlockMatchesPods' | 'hostNetworkPods' | 'knobs'>,
): Partial<SemanticsOptions> {
  return {
    ...(options.knobs as Partial<SemanticsOptions> | undefined),
    ...(options.cni === undefined ? {} : { cni: options.cni }),
    ...(options.ipBlockMatchesPods === undefined
      ? {}
      : { ipBlockMatchesPods: options.ipBlockMatchesPods }),
    ...(options.hostNetworkPods === undefined ? {} : { hostNetworkPods: options.hostNetworkPods }),
  };
}
