import type { Cluster, Pod, Protocol, Service, ServicePort } from '../model/index.js';

/**
 * The pods a Service sends traffic to: the pods of its namespace whose labels include every
 * pair of its selector. When the manifests hold Pod objects behind the Service, those are the
 * backends and pod templates are left out (they would stand for the same replicas); otherwise
 * the matching pod templates stand for them. A Service without a selector has no backends we
 * can know of (its EndpointSlices are managed by hand), so the answer is empty.
 *
 * @param cluster - a parsed cluster
 * @param service - one of its Services
 * @returns the backing pods, in cluster order
 */
export function serviceBackends(cluster: Cluster, service: Service): readonly Pod[] {
  const { selector } = service;
  if (selector === undefined || selector.size === 0) return [];
  const matching = cluster.pods.filter(
    (pod) =>
      pod.namespace === service.namespace &&
      [...selector].every(([key, value]) => pod.labels.get(key) === value),
  );
  const live = matching.filter((pod) => !pod.fromTemplate);
  return live.length > 0 ? live : matching;
}

/**
 * The Service port a query names: by number, or by the Service port's name, with the protocol.
 *
 * @param service - the Service
 * @param port - a Service port number, or a Service port name
 * @param protocol - the protocol
 * @returns the port, or `undefined` when the Service has none such
 */
export function findServicePort(
  service: Service,
  port: number | string,
  protocol: Protocol,
): ServicePort | undefined {
  return service.ports.find(
    (p) =>
      p.protocol === protocol && (typeof port === 'number' ? p.port === port : p.name === port),
  );
}

/**
 * The pod port a Service port sends to on one backing pod: its `targetPort` when that is a
 * number, else the number of the pod's container port of that name and protocol. Network
 * policies see this port, not the Service port, because the Service's address is translated
 * (DNAT) before the packet reaches the pod.
 *
 * @param servicePort - a port of the Service
 * @param pod - one of the Service's backing pods
 * @returns the port number, or `undefined` when the pod has no container port of that name (the
 *   Service then sends this port to the other backends only)
 */
export function serviceTargetPort(servicePort: ServicePort, pod: Pod): number | undefined {
  const { targetPort } = servicePort;
  if (typeof targetPort === 'number') return targetPort;
  return pod.ports.find((p) => p.name === targetPort && p.protocol === servicePort.protocol)
    ?.containerPort;
}
