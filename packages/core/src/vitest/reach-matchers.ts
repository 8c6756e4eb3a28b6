import type { MatcherState } from 'vitest';
import type { PairResult } from '../endpoint/index.js';
import { query } from '../endpoint/index.js';
import { ReachError } from '../errors.js';
import type { PodRef, Protocol, Traffic } from '../model/index.js';
import { formatPodRef } from '../model/index.js';
import type { Engine, PolicyRef } from '../query/index.js';
import { formatExplanation } from '../query/index.js';
import type { EndpointInput, PodInput } from './matcher-endpoints.js';
import { podsOf, resolveInput } from './matcher-endpoints.js';

export type { EndpointInput, PodInput } from './matcher-endpoints.js';

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
  const from = resolveInput(engine, flow.from, 'toAllow');
  const to = resolveInput(from.engine, flow.to, 'toAllow');
  const traffic = fullTraffic(flow);
  const result = query(to.engine, from.resolved, to.resolved, {
    port: traffic.port,
    protocol: traffic.protocol,
    match: 'all',
    explain: true,
  });
  if (!result.ok) {
    const [issue] = result.issues;
    throw new ReachError(
      issue?.code === 'invalid-traffic' ? 'invalid-traffic' : 'invalid-endpoint',
      `toAllow: ${result.issues.map((i) => i.message).join('; ')}`,
    );
  }
  const { pairs, allowed: pass } = result.outcome;
  // The pair that answers for the verdict: for .not the first pair, else the first denied one.
  const pair: PairResult | undefined = pass ? pairs[0] : pairs.find((p) => p.state !== 'allowed');
  const hint = (): string =>
    this.utils.matcherHint('toAllow', 'engine', 'flow', { isNot: this.isNot });
  const what = `${from.resolved.name} ${pass ? 'not ' : ''}to reach ${to.resolved.name} on ${trafficText(traffic)}`;
  const subject =
    pair === undefined || pairs.length === 1 ? 'it' : `${pair.from.name} -> ${pair.to.name}`;
  const why =
    pair?.explanation === undefined ? 'not asked: no pair' : formatExplanation(pair.explanation);
  return {
    pass,
    message: () => `${hint()}\n\nexpected ${what}, but ${subject} is ${why}`,
  };
}

function toIsolate(
  this: MatcherState,
  received: unknown,
  pod: PodInput,
  options: IsolateOptions = {},
): ReachMatcherResult {
  const engine = asEngine(received, 'toIsolate');
  const end = podsOf(engine, pod, 'toIsolate');
  const pods = end.resolved.targets.map((t) => t.endpoint as PodRef);
  const direction = options.direction ?? 'both';
  const directions: ('ingress' | 'egress')[] =
    direction === 'both' ? ['ingress', 'egress'] : [direction];
  const sides = directions.map((d) => {
    const each = pods.map((p) => ({ pod: p, by: end.engine.isolation(p, d) }));
    const by = new Map(each.flatMap((e) => e.by).map((p) => [`${p.namespace}/${p.name}`, p]));
    const open = each.filter((e) => e.by.length === 0).map((e) => formatPodRef(e.pod));
    return { direction: d, by: [...by.values()], open };
  });
  const pass = sides.every((s) => s.open.length === 0);
  const hint = (): string =>
    this.utils.matcherHint('toIsolate', 'engine', 'pod', { isNot: this.isNot });
  const scope = direction === 'both' ? 'for ingress and egress' : `for ${direction}`;
  const several = pods.length > 1;
  const lines = sides.map((s) =>
    s.open.length === 0
      ? `  ${s.direction}: isolated by ${policyList(s.by)}`
      : `  ${s.direction}: not isolated${several ? ` (${s.open.join(', ')})` : ''} (no policy with ${s.direction === 'ingress' ? 'Ingress' : 'Egress'} in its policyTypes selects it)`,
  );
  return {
    pass,
    message: () =>
      `${hint()}\n\nexpected ${end.resolved.name} ${pass ? 'not ' : ''}to be isolated ${scope}\n\n${lines.join('\n')}`,
  };
}

function toAllowOnly(
  this: MatcherState,
  received: unknown,
  to: PodInput,
  from: readonly PodInput[],
  traffic: Traffic,
): ReachMatcherResult {
  const base = asEngine(received, 'toAllowOnly');
  const target = podsOf(base, to, 'toAllowOnly');
  let engine = target.engine;
  const wanted = new Map<string, PodRef>();
  for (const input of from) {
    const end = podsOf(engine, input, 'toAllowOnly');
    engine = end.engine;
    for (const t of end.resolved.targets) wanted.set(t.name, t.endpoint as PodRef);
  }
  const t = fullTraffic(traffic);
  const targets = target.resolved.targets.map((x) => x.endpoint as PodRef);
  const targetNames = new Set(targets.map(formatPodRef));
  // Pods that reach some pod of the target; the target's own pods only when listed.
  const reachers = new Map<string, PodRef>();
  for (const ref of targets) {
    for (const p of engine.reachersOf(ref, t)) reachers.set(formatPodRef(p), p);
  }
  const actual = [...reachers].filter(([name]) => !targetNames.has(name) || wanted.has(name));
  const actualNames = new Set(actual.map(([name]) => name));
  const unexpected = actual.filter(([name]) => !wanted.has(name)).map(([, p]) => p);
  const missing = [...wanted].filter(([name]) => !actualNames.has(name)).map(([, p]) => p);
  const pass = unexpected.length === 0 && missing.length === 0;
  const hint = (): string =>
    this.utils.matcherHint('toAllowOnly', 'engine', 'from', { isNot: this.isNot });
  const where = `${target.resolved.name} on ${trafficText(t)}`;
  const explained = (title: string, pods: readonly PodRef[]): string[] => {
    if (pods.length === 0) return [];
    const lines = pods.slice(0, EXPLAINED).map((p) => {
      const reached = targets.find((x) => engine.canReach(p, x, t)) ?? targets[0] ?? p;
      return `  ${formatPodRef(p)}: ${formatExplanation(engine.explain(p, reached, t))}`;
    });
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
 * expect(engine).toAllow({ from: 'shop/deploy/web', to: 'shop/svc/db', port: 5432 }); // Service port
 * ```
 */
export const reachMatchers: ReachMatchers = { toAllow, toIsolate, toAllowOnly };
