import { ReachError } from '../errors.js';
import type { ConnectionSet, Protocol, Service } from '../model/index.js';
import {
  coverage,
  intersectSets,
  isEmptySet,
  portsSet,
  restrictSet,
  unionSets,
} from '../net/index.js';
import type { Engine } from '../query/index.js';
import { formatConnectionSet } from '../query/index.js';
import type { PortQuery } from './parse-port.js';
import { parsePortQuery } from './parse-port.js';
import { byNumber, planPorts, translationNote } from './plan-ports.js';
import type {
  MatchMode,
  PairResult,
  QueryOptions,
  QueryOutcome,
  QueryResult,
} from './query-types.js';
import { resolveEndpoint } from './resolve-endpoint.js';
import type { EndpointIssue, ResolvedEndpoint } from './resolved-endpoint.js';
import { serviceTargetPort } from './services.js';

/** What {@link evaluate} needs, with the defaults filled in. */
interface Request {
  readonly port?: PortQuery;
  readonly protocol: Protocol;
  readonly match: MatchMode;
  readonly explain: boolean;
}

/**
 * The question `reach query FROM TO` asks, as plain data: every pair of targets behind the two
 * endpoints is asked about (a Service port translated to each backing pod's targetPort, a
 * container port name to each pod's number, a range checked for full cover), and the answers
 * combine under `match` (`all` by default: every pair must be allowed). Without a port, the
 * answer is the connections the pairs may use. Never throws on bad input: endpoints that do not
 * resolve and ports that do not fit are typed issues.
 *
 * @param engine - an engine from `compile` (for resolved endpoints: the engine of their resolution)
 * @param from - an endpoint as typed (see `resolveEndpoint`), or one already resolved
 * @param to - likewise
 * @param options - port, protocol, match, explain, and how endpoints are read
 * @returns the outcome, or the issues
 * @example
 * ```ts
 * const result = query(engine, 'deploy/web', 'svc/db', { defaultNamespace: 'shop', port: 5432, explain: true });
 * if (result.ok) result.outcome.allowed; // false
 * ```
 */
export function query(
  engine: Engine,
  from: string | ResolvedEndpoint,
  to: string | ResolvedEndpoint,
  options: QueryOptions = {},
): QueryResult {
  let asked = engine;
  const ends: ResolvedEndpoint[] = [];
  const issues: EndpointIssue[] = [];
  for (const end of [from, to]) {
    if (typeof end !== 'string') {
      ends.push(end);
      continue;
    }
    const resolution = resolveEndpoint(asked, end, options);
    if (resolution.ok) {
      ends.push(resolution.endpoint);
      asked = resolution.engine;
    } else {
      issues.push(resolution.issue);
    }
  }
  const [source, destination] = ends;
  if (issues.length > 0 || source === undefined || destination === undefined) {
    return { ok: false, issues };
  }
  let port: PortQuery | undefined;
  if (typeof options.port === 'number') port = { kind: 'number', port: options.port };
  else if (typeof options.port === 'string') {
    const parsed = parsePortQuery(options.port);
    if (!parsed.ok) return fail('invalid-traffic', parsed.message);
    port = parsed.port;
  } else port = options.port;
  const request: Request = {
    ...(port === undefined ? {} : { port }),
    protocol: options.protocol ?? port?.protocol ?? 'TCP',
    match: options.match ?? 'all',
    explain: options.explain ?? false,
  };
  try {
    return evaluate(asked, source, destination, request);
  } catch (error) {
    if (error instanceof ReachError) return fail('invalid-traffic', error.message);
    throw error;
  }
}

function evaluate(
  engine: Engine,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
  request: Request,
): QueryResult {
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
        'unsupported-query',
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
  if (!plan.ok) return { ok: false, issues: [plan.issue] };
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
  request: Request,
): QueryResult {
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

/** `all`: every pair fully allowed; `any`: some pair fully allowed. */
function combineStates(pairs: readonly PairResult[], match: MatchMode): boolean {
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
 *
 * @param pair - one pair of a {@link QueryOutcome}
 * @param asked - the outcome's `asked`
 * @returns the words
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

function ok(outcome: QueryOutcome): QueryResult {
  return { ok: true, outcome };
}

function fail(code: EndpointIssue['code'], message: string): QueryResult {
  return { ok: false, issues: [{ code, message, candidates: [] }] };
}
