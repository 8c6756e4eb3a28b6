import type { Cluster } from '../model/index.js';
import { closeNames } from './close-matches.js';
import type { Resolved } from './endpoint-names.js';
import { failure, podTarget, serviceName, success } from './endpoint-names.js';
import { serviceBackends } from './services.js';

/** `svc/db`: the Service's backing pods; its ports translate a query's port later. */
export function resolveService(cluster: Cluster, namespace: string, name: string): Resolved {
  const service = cluster.services.find((s) => s.namespace === namespace && s.name === name);
  if (service === undefined) {
    const namespaceKnown = cluster.namespaces.some((ns) => ns.name === namespace);
    const candidates = closeNames(
      cluster.services.map((s) => ({
        namespace: s.namespace,
        name: s.name,
        display: serviceName(s),
        sameKind: true,
      })),
      namespace,
      name,
    );
    return failure(
      'unknown-name',
      `no service named "${name}" in namespace "${namespace}"${
        namespaceKnown ? '' : ' (there is no such namespace)'
      }`,
      'did you mean one of these?',
      candidates,
    );
  }
  const display = serviceName(service);
  if (service.selector === undefined || service.selector.size === 0) {
    return failure(
      'no-pods',
      `service ${display} has no selector, so its backends are not in the manifests (its EndpointSlices are managed by hand); name the pods or their addresses instead`,
    );
  }
  const backends = serviceBackends(cluster, service);
  if (backends.length === 0) {
    const selector = [...service.selector].map(([k, v]) => `${k}=${v}`).join(',');
    return failure(
      'no-pods',
      `service ${display} selects ${selector}, but no pod in namespace "${namespace}" has those labels, so it has no backends`,
    );
  }
  return success({
    name: display,
    kind: 'service',
    targets: backends.map(podTarget),
    notes: [],
    service,
  });
}
