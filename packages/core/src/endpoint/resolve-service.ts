import type { Cluster, Service } from '../model/index.js';
import { closeNames } from './close-matches.js';
import type { Resolved } from './endpoint-names.js';
import { failure, podTarget, serviceName, success } from './endpoint-names.js';
import { serviceBackends } from './services.js';

/** A Service's cluster DNS name: `db.shop`, `db.shop.svc`, `db.shop.svc.cluster.local`. */
const SERVICE_DNS =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.svc(\.cluster\.local)?)?\.?$/;

/**
 * The Service a cluster DNS name names, or `undefined` when the text is not one or the cluster
 * has no such Service.
 */
export function serviceOfDnsName(cluster: Cluster, text: string): Service | undefined {
  const match = SERVICE_DNS.exec(text);
  if (match === null) return undefined;
  const [, name, , namespace] = match;
  return cluster.services.find((s) => s.namespace === namespace && s.name === name);
}

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
  if (service.externalName !== undefined) {
    return failure(
      'no-pods',
      `service ${display} is of type ExternalName, a DNS alias of "${service.externalName}": it has no pods and no endpoints; name the address that name resolves to instead`,
    );
  }
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
