import type {
  ConnectionSet,
  Engine,
  Explanation,
  Protocol,
  Service,
  ServicePort,
} from '@kube-reach/core';
import {
  findServicePort,
  formatConnectionSet,
  ReachError,
  serviceTargetPort,
} from '@kube-reach/core';
import type { MatchMode, PortArg } from './command.js';
import {
  coverage,
  intersectSets,
  isEmptySet,
  portsSet,
  restrictSet,
  unionSets,
} from './connection-sets.js';
import type { ResolvedEndpoint, Target } from './resolve-endpoint.js';

/** What one pair of pods (or address ranges) behind the two endpoints gets. */
export type PairState = 'allowed' | 'denied' | 'partial';

export interface PairResult {
  readonly from: Target;
  readonly to: Target;
  /** The pod port asked about (after named-port and Service translation), for one port. */
  readonly port?: number;
  /** `allowed`, `denied`, or `partial` (some ports of a range). */
  readonly state: PairState;
  /** For a range or no port: what this pair may use. */
  readonly connections?: ConnectionSet;
  /** With `explain`, for one port. */
  readonly explanation?: Explanation;
}

/** A Service port a query went through, and where it goes on the pods. */
export interface ServiceHop {
  readonly service: string;
  readonly port: number;
  readonly name?: string;
  readonly protocol: Protocol;
  readonly targetPort: number | string;
  /** The pod ports it reaches, ascending. */
  readonly podPorts: readonly number[];
}

/** Everything `reach query` (and each `reach test` expectation) found. */
export interface QueryOutcome {
  readonly from: ResolvedEndpoint;
  readonly to: ResolvedEndpoint;
  readonly protocol: Protocol;
  /** What was asked: `number`, `name`, `range`, or `none` ("which ports?"). */
  readonly asked: PortArg['kind'] | 'none';
  /** `TCP/80`, `TCP/80 (http)`, `TCP/5432 (pod port 15432)`, `TCP/8000-8080`; `''` for none. */
  readonly trafficText: string;
  /** The one pod port every pair was asked about, when there is one. */
  readonly port?: number;
  readonly pairs: readonly PairResult[];
  /** The answer under the `match` mode asked for. */
  readonly allowed: boolean;
  /** No port: the connections every pair (`all`) or some pair (`any`) may use. */
  readonly connections?: ConnectionSet;
  readonly service?: ServiceHop;
  /** How the question was read (Service translation, skipped backends). */
  readonly notes: readonly string[];
}

export interface QueryRequest {
  readonly port?: PortArg;
  readonly protocol: Protocol;
  readonly match: MatchMode;
  readonly explain: boolean;
}

export type QueryEvaluation =
  | { readonly ok: true; readonly outcome: QueryOutcome }
  | { readonly ok: false; readonly error: string };

/** The pod port each destination target is asked about, or why not. */
interface PortPlan {
  readonly perTarget: readonly { readonly to: Target; readonly port: number }[];
  readonly notes: readonly string[];
  readonly service?: ServiceHop;
  readonly suffix: string;
}

/**
 * Asks the engine about every pair of targets of two resolved endpoints, translating the port
 * as the destination needs (a container port name, a Service port), and combines the answers
 * with `match`.
 */
export function evaluateQuery(
  engine: Engine,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
  request: QueryRequest,
): QueryEvaluation {
  try {
    return evaluate(engine, from, to, request);
  } catch (error) {
    if (error instanceof ReachError) return { ok: false, error: error.message };
    throw error;
  }
}

function evaluate(
  engine: Engine,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
  request: QueryRequest,
): QueryEvaluation {
  const { port, protocol, match } = request;
  const base = { from, to, protocol };

  if (port === undefined) {
    if (to.service !== undefined) return servicePortsQuery(engine, from, to, to.service, request);
    const pairs: PairResult[] = [];
    for (const source of from.targets) {
      for (const destination of to.targets) {
        const connections = engine.connections(source.endpoint, destination.endpoint);
        pairs.push({
          from: source,
          to: destination,
          state: isEmptySet(connections) ? 'denied' : 'allowed',
          connections,
        });
      }
    }
    const connections = combineSets(
      pairs.map((p) => p.connections ?? {}),
      match,
    );
    return ok({
      ...base,
      asked: 'none',
      trafficText: '',
      pairs,
      allowed: !isEmptySet(connections),
      connections,
      notes: [],
    });
  }

  if (port.kind === 'range') {
    if (to.service !== undefined) {
      return fail(
        `a port range cannot be used with a Service destination (${to.name}); give one Service port, or query its pods`,
      );
    }
    const pairs: PairResult[] = [];
    for (const source of from.targets) {
      for (const destination of to.targets) {
        const all = engine.connections(source.endpoint, destination.endpoint);
        const covered = coverage(all, protocol, port.first, port.last);
        pairs.push({
          from: source,
          to: destination,
          state: covered === 'all' ? 'allowed' : covered === 'none' ? 'denied' : 'partial',
          connections: restrictSet(all, protocol, port.first, port.last),
        });
      }
    }
    return ok({
      ...base,
      asked: 'range',
      trafficText: `${protocol}/${port.first}-${port.last}`,
      pairs,
      allowed: combineStates(pairs, match),
      notes: [],
    });
  }

  const plan = planPorts(to, port, protocol);
  if (!plan.ok) return fail(plan.error);
  const pairs: PairResult[] = [];
  for (const source of from.targets) {
    for (const { to: destination, port: podPort } of plan.plan.perTarget) {
      const traffic = { port: podPort, protocol };
      const allowed = engine.canReach(source.endpoint, destination.endpoint, traffic);
      const explanation = request.explain
        ? engine.explain(source.endpoint, destination.endpoint, traffic)
        : undefined;
      pairs.push({
        from: source,
        to: destination,
        port: podPort,
        state: allowed ? 'allowed' : 'denied',
        ...(explanation === undefined ? {} : { explanation }),
      });
    }
  }
  const podPorts = [...new Set(plan.plan.perTarget.map((t) => t.port))];
  const unique = podPorts.length === 1 ? podPorts[0] : undefined;
  // A container port name reads as the number it resolved to: `TCP/80 (http)`.
  const trafficText =
    port.kind === 'number'
      ? `${protocol}/${port.port}${plan.plan.suffix}`
      : plan.plan.service === undefined && unique !== undefined
        ? `${protocol}/${unique} (${port.name})`
        : `${protocol}/${port.name}${plan.plan.suffix}`;
  return ok({
    ...base,
    asked: port.kind,
    trafficText,
    ...(unique === undefined ? {} : { port: unique }),
    pairs,
    allowed: combineStates(pairs, match),
    ...(plan.plan.service === undefined ? {} : { service: plan.plan.service }),
    notes: plan.plan.notes,
  });
}

/** No port and a Service destination: which of the Service's ports may be used. */
function servicePortsQuery(
  engine: Engine,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
  service: Service,
  request: QueryRequest,
): QueryEvaluation {
  const pairs: PairResult[] = [];
  const notes: string[] = [];
  for (const source of from.targets) {
    for (const destination of to.targets) {
      const open: { protocol: Protocol; port: number }[] = [];
      for (const servicePort of service.ports) {
        const podPort =
          destination.pod === undefined
            ? undefined
            : serviceTargetPort(servicePort, destination.pod);
        if (podPort === undefined) continue;
        const traffic = { port: podPort, protocol: servicePort.protocol };
        if (engine.canReach(source.endpoint, destination.endpoint, traffic)) {
          open.push({ protocol: servicePort.protocol, port: servicePort.port });
        }
      }
      const connections = open.reduce<ConnectionSet>(
        (set, p) => unionSets(set, portsSet(p.protocol, [p.port])),
        {},
      );
      pairs.push({
        from: source,
        to: destination,
        state: isEmptySet(connections) ? 'denied' : 'allowed',
        connections,
      });
    }
  }
  for (const servicePort of service.ports) {
    const podPorts = to.targets.flatMap((t) =>
      t.pod === undefined ? [] : [serviceTargetPort(servicePort, t.pod)].filter(isNumber),
    );
    notes.push(translationNote(to.name, servicePort, [...new Set(podPorts)].sort(byNumber)));
  }
  const connections = combineSets(
    pairs.map((p) => p.connections ?? {}),
    request.match,
  );
  return ok({
    from,
    to,
    protocol: request.protocol,
    asked: 'none',
    trafficText: '',
    pairs,
    allowed: !isEmptySet(connections),
    connections,
    notes: [`${to.name}: the ports are the Service's ports; policies see the pod ports`, ...notes],
  });
}

type PlanResult = { ok: true; plan: PortPlan } | { ok: false; error: string };

function planPorts(
  to: ResolvedEndpoint,
  port: Exclude<PortArg, { kind: 'range' }>,
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
      return {
        ok: false,
        error: `${to.name} has no ${protocol} port ${port.kind === 'number' ? port.port : `named "${port.name}"`}; its ports are ${known || 'none'} (give a Service port; it is translated to the targetPort)`,
      };
    }
    const perTarget: { to: Target; port: number }[] = [];
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
      return {
        ok: false,
        error: `no pod behind ${to.name} has a ${protocol} container port named "${servicePort.targetPort}" (the targetPort of port ${servicePort.port})`,
      };
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
  const perTarget: { to: Target; port: number }[] = [];
  for (const target of to.targets) {
    if (target.pod === undefined) {
      return {
        ok: false,
        error: `--port ${port.name} names a container port, but ${to.name} is an address outside the cluster; give a port number`,
      };
    }
    const containerPorts = target.pod.ports;
    const match = containerPorts.find((p) => p.name === port.name && p.protocol === protocol);
    if (match === undefined) {
      const named = containerPorts.filter((p) => p.name !== undefined);
      const known =
        named.length === 0
          ? 'it has no named ports'
          : `it has ${named.map((p) => `${p.name} (${p.protocol}/${p.containerPort})`).join(', ')}`;
      return {
        ok: false,
        error: `pod ${target.name} has no ${protocol} container port named "${port.name}"; ${known}`,
      };
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
function translationNote(
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

/** `all`: every pair fully allowed; `any`: some pair fully allowed. */
export function combineStates(pairs: readonly PairResult[], match: MatchMode): boolean {
  return match === 'all'
    ? pairs.length > 0 && pairs.every((p) => p.state === 'allowed')
    : pairs.some((p) => p.state === 'allowed');
}

function combineSets(sets: readonly ConnectionSet[], match: MatchMode): ConnectionSet {
  const [first, ...rest] = sets;
  if (first === undefined) return {};
  return rest.reduce(
    (acc, set) => (match === 'all' ? intersectSets(acc, set) : unionSets(acc, set)),
    first,
  );
}

/**
 * The verdict of one pair in words: `allowed`, `denied`, `allowed on TCP 8000-8040 only` (part
 * of a range), or for "which ports?" the pair's connection set (`TCP 80`, `none`).
 */
export function pairWord(pair: PairResult, asked: QueryOutcome['asked']): string {
  if (asked === 'none') return formatConnectionSet(pair.connections ?? {});
  if (pair.state === 'partial') {
    return `allowed on ${formatConnectionSet(pair.connections ?? {})} only`;
  }
  return pair.state === 'allowed' ? 'allowed' : 'denied';
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

function ok(outcome: QueryOutcome): QueryEvaluation {
  return { ok: true, outcome };
}

function fail(error: string): QueryEvaluation {
  return { ok: false, error };
}
