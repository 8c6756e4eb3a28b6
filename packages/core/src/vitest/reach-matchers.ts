import type { MatcherState } from 'vitest';
import { ReachError } from '../errors.js';
import type { Endpoint, PodRef, Protocol, Traffic } from '../model/index.js';
import { formatEndpoint, formatPodRef, isAddress } from '../model/index.js';
import type { Engine, PolicyRef } from '../query/index.js';
import { formatExplanation } from '../query/index.js';

/**
 * One end of a connection, as the matchers take it: a pod (`{ namespace, name }`, extra fields
 * such as a manifest's `labels` are ignored), an address (`{ address }`), or text: `namespace/
 * name` (split at the first `/`, so `shop/deployment/web` works) or an IP address.
 */
export type EndpointInput = Endpoint | string;

/** A pod, as the matchers take it: `{ namespace, name }` or `namespace/name` text. */
export type PodInput = PodRef | string;

/** What {@link ReachAssertions.toAllow} asks about. The protocol defaults to TCP. */
export interface FlowInput {
  readonly from: EndpointInput;
  readonly to: EndpointInput;
  readonly port: number;
  readonly protocol?: Protocol;
}

/** Options of {@link ReachAssertions.toIsolate}. */
export interface IsolateOptions {
  /** Which side must be isolated (default `'both'`). */
  readonly direction?: 'ingress' | 'egress' | 'both';
}

/** The matchers as they read on `expect(engine)`. */
export interface ReachAssertions<R = unknown> {
  /**
   * Passes when `engine.canReach(from, to, { port, protocol })`. The failure message carries
   * the explanation: which policies isolate, and which rule allowed (for `.not`).
   */
  toAllow(flow: FlowInput): R;
  /**
   * Passes when some policy selects the pod for the direction (`'both'`: for each), that is,
   * the pod only gets what rules allow. It says nothing about what the rules allow.
   */
  toIsolate(pod: PodInput, options?: IsolateOptions): R;
  /**
   * Passes when exactly the pods `from` reach `to` on the traffic (`engine.reachersOf`); `to`
   * itself is left out unless listed. Addresses are not counted: check them with `toAllow`.
   */
  toAllowOnly(to: PodInput, from: readonly PodInput[], traffic: Traffic): R;
}

/** What a matcher returns to vitest (a `SyncExpectationResult`). */
export interface ReachMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

/** The matcher functions, for `expect.extend(reachMatchers)`. */
export type ReachMatchers = {
  toAllow(this: MatcherState, received: unknown, flow: FlowInput): ReachMatcherResult;
  toIsolate(
    this: MatcherState,
    received: unknown,
    pod: PodInput,
    options?: IsolateOptions,
  ): ReachMatcherResult;
  toAllowOnly(
    this: MatcherState,
    received: unknown,
    to: PodInput,
    from: readonly PodInput[],
    traffic: Traffic,
  ): ReachMatcherResult;
};

/** How many unexpected or missing pods the message of `toAllowOnly` explains. */
const EXPLAINED = 3;

function asEngine(received: unknown, matcher: string): Engine {
  const r = received as Partial<Engine> | null;
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.canReach !== 'function' ||
    typeof r.explain !== 'function' ||
    typeof r.reachersOf !== 'function' ||
    typeof r.isolation !== 'function'
  ) {
    throw new TypeError(`${matcher}: expected an Engine (from compile()), got ${typeof received}`);
  }
  return received as Engine;
}

function toEndpoint(input: EndpointInput): Endpoint {
  if (typeof input === 'string') {
    const slash = input.indexOf('/');
    if (slash < 0) return { address: input };
    return { namespace: input.slice(0, slash), name: input.slice(slash + 1) };
  }
  if (isAddress(input)) return { address: input.address };
  return { namespace: input.namespace, name: input.name };
}

function toPod(input: PodInput, matcher: string): PodRef {
  const endpoint = toEndpoint(input);
  if (isAddress(endpoint)) {
    throw new TypeError(`${matcher}: expected a pod (namespace/name), got ${endpoint.address}`);
  }
  return endpoint;
}

function fullTraffic(traffic: Traffic): Required<Traffic> {
  return { port: traffic.port, protocol: traffic.protocol ?? 'TCP' };
}

function trafficText(traffic: Required<Traffic>): string {
  return `${traffic.port}/${traffic.protocol}`;
}

function policyList(refs: readonly PolicyRef[]): string {
  return refs.map((p) => `${p.namespace}/${p.name}`).join(', ');
}

function toAllow(this: MatcherState, received: unknown, flow: FlowInput): ReachMatcherResult {
  const engine = asEngine(received, 'toAllow');
  const from = toEndpoint(flow.from);
  const to = toEndpoint(flow.to);
  const traffic = fullTraffic(flow);
  const pass = engine.canReach(from, to, traffic);
  const hint = (): string =>
    this.utils.matcherHint('toAllow', 'engine', 'flow', { isNot: this.isNot });
  const what = `${formatEndpoint(from)} ${pass ? 'not ' : ''}to reach ${formatEndpoint(to)} on ${trafficText(traffic)}`;
  return {
    pass,
    message: () =>
      `${hint()}\n\nexpected ${what}, but it is ${formatExplanation(engine.explain(from, to, traffic))}`,
  };
}

function toIsolate(
  this: MatcherState,
  received: unknown,
  pod: PodInput,
  options: IsolateOptions = {},
): ReachMatcherResult {
  const engine = asEngine(received, 'toIsolate');
  const ref = toPod(pod, 'toIsolate');
  const direction = options.direction ?? 'both';
  const directions: ('ingress' | 'egress')[] =
    direction === 'both' ? ['ingress', 'egress'] : [direction];
  const sides = directions.map((d) => ({ direction: d, by: engine.isolation(ref, d) }));
  const pass = sides.every((s) => s.by.length > 0);
  const hint = (): string =>
    this.utils.matcherHint('toIsolate', 'engine', 'pod', { isNot: this.isNot });
  const scope = direction === 'both' ? 'for ingress and egress' : `for ${direction}`;
  const lines = sides.map((s) =>
    s.by.length > 0
      ? `  ${s.direction}: isolated by ${policyList(s.by)}`
      : `  ${s.direction}: not isolated (no policy with ${s.direction === 'ingress' ? 'Ingress' : 'Egress'} in its policyTypes selects it)`,
  );
  return {
    pass,
    message: () =>
      `${hint()}\n\nexpected ${formatPodRef(ref)} ${pass ? 'not ' : ''}to be isolated ${scope}\n\n${lines.join('\n')}`,
  };
}

function toAllowOnly(
  this: MatcherState,
  received: unknown,
  to: PodInput,
  from: readonly PodInput[],
  traffic: Traffic,
): ReachMatcherResult {
  const engine = asEngine(received, 'toAllowOnly');
  const target = toPod(to, 'toAllowOnly');
  const t = fullTraffic(traffic);
  const known = new Set(engine.pods.map(formatPodRef));
  const wanted = new Map<string, PodRef>();
  for (const input of from) {
    const ref = toPod(input, 'toAllowOnly');
    if (!known.has(formatPodRef(ref))) {
      throw new ReachError(
        'unknown-pod',
        `toAllowOnly: no pod ${formatPodRef(ref)} in the cluster`,
      );
    }
    wanted.set(formatPodRef(ref), ref);
  }
  const targetName = formatPodRef(target);
  const actual = engine
    .reachersOf(target, t)
    .filter((p) => formatPodRef(p) !== targetName || wanted.has(targetName));
  const actualNames = new Set(actual.map(formatPodRef));
  const unexpected = actual.filter((p) => !wanted.has(formatPodRef(p)));
  const missing = [...wanted.values()].filter((p) => !actualNames.has(formatPodRef(p)));
  const pass = unexpected.length === 0 && missing.length === 0;
  const hint = (): string =>
    this.utils.matcherHint('toAllowOnly', 'engine', 'from', { isNot: this.isNot });
  const where = `${targetName} on ${trafficText(t)}`;
  const explained = (title: string, pods: readonly PodRef[]): string[] => {
    if (pods.length === 0) return [];
    const lines = pods
      .slice(0, EXPLAINED)
      .map((p) => `  ${formatPodRef(p)}: ${formatExplanation(engine.explain(p, target, t))}`);
    if (pods.length > EXPLAINED) lines.push(`  ... and ${pods.length - EXPLAINED} more`);
    return [`${title} (${pods.length}):`, ...lines];
  };
  const sorted = (names: Iterable<string>): string[] => [...names].sort();
  const listed = (names: string[]): string => (names.length === 0 ? 'no pod' : names.join(', '));
  return {
    pass,
    message: () =>
      pass
        ? `${hint()}\n\nexpected other pods than exactly ${listed(sorted(wanted.keys()))} to reach ${where}, but exactly these do`
        : [
            `${hint()}\n\nexpected exactly ${listed(sorted(wanted.keys()))} to reach ${where}`,
            '',
            ...explained('unexpected, allowed', unexpected),
            ...explained('missing, denied', missing),
          ].join('\n'),
    actual: sorted(actualNames),
    expected: sorted(wanted.keys()),
  };
}

/**
 * The kube-reach matchers for vitest: `toAllow`, `toIsolate` and `toAllowOnly` on an `Engine`.
 * Register them once (in a setup file or at the top of a test file); importing this module
 * also adds their types to vitest's `expect`.
 *
 * @example
 * ```ts
 * import { reachMatchers } from '@kube-reach/core/vitest';
 * expect.extend(reachMatchers);
 *
 * expect(engine).toAllow({ from: 'shop/deployment/api', to: 'shop/statefulset/db', port: 5432 });
 * expect(engine).not.toAllow({ from: 'shop/deployment/web', to: 'shop/statefulset/db', port: 5432 });
 * expect(engine).toIsolate('shop/statefulset/db', { direction: 'ingress' });
 * expect(engine).toAllowOnly('shop/statefulset/db', ['shop/deployment/api'], { port: 5432 });
 * ```
 */
export const reachMatchers: ReachMatchers = { toAllow, toIsolate, toAllowOnly };
