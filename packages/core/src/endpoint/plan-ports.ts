import type { Protocol, ServicePort } from '../model/index.js';
import type { PortQuery } from './parse-port.js';
import type { ServiceHop } from './query-types.js';
import type { EndpointIssue, EndpointTarget, ResolvedEndpoint } from './resolved-endpoint.js';
import { findServicePort, serviceTargetPort } from './services.js';

/** The pod port each destination target is asked about. */
export interface PortPlan {
  readonly perTarget: readonly { readonly to: EndpointTarget; readonly port: number }[];
  readonly notes: readonly string[];
  readonly service?: ServiceHop;
  /** What the traffic text gets after the port: ` (pod port 15432)`. */
  readonly suffix: string;
}

export type PlanResult =
  | { readonly ok: true; readonly plan: PortPlan }
  | { readonly ok: false; readonly issue: EndpointIssue };

function issue(code: EndpointIssue['code'], message: string): PlanResult {
  return { ok: false, issue: { code, message, candidates: [] } };
}

/**
 * The pod port of each destination target for one port: a Service port goes to its targetPort
 * on each backing pod (a pod without the named targetPort is skipped, with a note); a container
 * port name becomes each pod's port of that name; a number is itself.
 */
export function planPorts(
  to: ResolvedEndpoint,
  port: Exclude<PortQuery, { kind: 'range' }>,
  protocol: Protocol,
): PlanResult {
  const { service } = to;
  if (service !== undefined) {
    const servicePort = findServicePort(
      service,
      port.kind === 'number' ? port.port : port.name,
      protocol,
    );
    if (servicePort === undefined) {
      const known = service.ports.map(describeServicePort).join(', ');
      return issue(
        'unknown-port',
        `${to.name} has no ${protocol} port ${port.kind === 'number' ? port.port : `named "${port.name}"`}; its ports are ${known || 'none'} (give a Service port; it is translated to the targetPort)`,
      );
    }
    const perTarget: { to: EndpointTarget; port: number }[] = [];
    const notes: string[] = [];
    for (const target of to.targets) {
      const podPort =
        target.pod === undefined ? undefined : serviceTargetPort(servicePort, target.pod);
      if (podPort === undefined) {
        notes.push(
          `${target.name} has no ${protocol} container port named "${servicePort.targetPort}", so ${to.name} sends port ${servicePort.port} to its other pods only`,
        );
      } else {
        perTarget.push({ to: target, port: podPort });
      }
    }
    if (perTarget.length === 0) {
      return issue(
        'unknown-port',
        `no pod behind ${to.name} has a ${protocol} container port named "${servicePort.targetPort}" (the targetPort of port ${servicePort.port})`,
      );
    }
    const podPorts = [...new Set(perTarget.map((t) => t.port))].sort(byNumber);
    const hop: ServiceHop = {
      service: to.name,
      port: servicePort.port,
      ...(servicePort.name === undefined ? {} : { name: servicePort.name }),
      protocol,
      targetPort: servicePort.targetPort,
      podPorts,
    };
    const named = port.kind === 'name' ? ` ${servicePort.port}` : '';
    return {
      ok: true,
      plan: {
        perTarget,
        notes: [translationNote(to.name, servicePort, podPorts), ...notes],
        service: hop,
        suffix: ` (${named.trim() === '' ? '' : `port${named}, `}pod port ${podPorts.join(', ')})`,
      },
    };
  }

  if (port.kind === 'number') {
    return {
      ok: true,
      plan: {
        perTarget: to.targets.map((t) => ({ to: t, port: port.port })),
        notes: [],
        suffix: '',
      },
    };
  }
  const perTarget: { to: EndpointTarget; port: number }[] = [];
  for (const target of to.targets) {
    if (target.pod === undefined) {
      return issue(
        'unknown-port',
        `--port ${port.name} names a container port, but ${to.name} is an address outside the cluster; give a port number`,
      );
    }
    const containerPorts = target.pod.ports;
    const match = containerPorts.find((p) => p.name === port.name && p.protocol === protocol);
    if (match === undefined) {
      const named = containerPorts.filter((p) => p.name !== undefined);
      const known =
        named.length === 0
          ? 'it has no named ports'
          : `it has ${named.map((p) => `${p.name} (${p.protocol}/${p.containerPort})`).join(', ')}`;
      return issue(
        'unknown-port',
        `pod ${target.name} has no ${protocol} container port named "${port.name}"; ${known}`,
      );
    }
    perTarget.push({ to: target, port: match.containerPort });
  }
  const podPorts = [...new Set(perTarget.map((t) => t.port))];
  return {
    ok: true,
    plan: {
      perTarget,
      notes: [],
      suffix: podPorts.length === 1 ? '' : ` (${podPorts.sort(byNumber).join(', ')})`,
    },
  };
}

/** `shop/service/db port 5432/TCP (pg) goes to targetPort pg: pod port 15432`. */
export function translationNote(
  service: string,
  servicePort: ServicePort,
  podPorts: readonly number[],
): string {
  const target =
    typeof servicePort.targetPort === 'number'
      ? `targetPort ${servicePort.targetPort}`
      : `targetPort ${servicePort.targetPort}, which is pod port ${podPorts.join(', ') || 'none'}`;
  const name = servicePort.name === undefined ? '' : ` (${servicePort.name})`;
  return `${service} port ${servicePort.port}/${servicePort.protocol}${name} goes to ${target}; policies see the pod port`;
}

function describeServicePort(p: ServicePort): string {
  return `${p.port}/${p.protocol}${p.name === undefined ? '' : ` (${p.name})`}`;
}

export function byNumber(a: number, b: number): number {
  return a - b;
}
