import type { MatcherState } from 'vitest';
import type { PathOptions, WitnessPath } from '../paths/index.js';
import { paths } from '../paths/index.js';
import type { Engine } from '../query/index.js';
import type { EndpointInput } from './matcher-endpoints.js';
import { resolveInput } from './matcher-endpoints.js';

/** Options of {@link PathAssertions.toHaveNoPath}: the hop bound and the hop rule. */
export type NoPathOptions = Omit<PathOptions, 'explain'>;

/** The lateral-movement matchers as they read on `expect(engine)`. */
export interface PathAssertions<R = unknown> {
  /**
   * Passes when no chain of hops leads from `from` to `to` (within `maxHops`): each hop an
   * allowed connection to a port the next pod listens on (`anyPort` drops that rule). The
   * failure message shows the shortest chain, hop by hop, with the rules that allow each.
   */
  toHaveNoPath(from: EndpointInput, to: EndpointInput, options?: NoPathOptions): R;
}

/** The matcher function, for `expect.extend`. */
export type PathMatchers = {
  toHaveNoPath(
    this: MatcherState,
    received: unknown,
    from: EndpointInput,
    to: EndpointInput,
    options?: NoPathOptions,
  ): { readonly pass: boolean; readonly message: () => string };
};

function asEngine(received: unknown): Engine {
  const r = received as Partial<Engine> | null;
  if (typeof r !== 'object' || r === null || typeof r.groupedConnections !== 'function') {
    throw new TypeError(
      `toHaveNoPath: expected an Engine (from compile()), got ${typeof received}`,
    );
  }
  return received as Engine;
}

/** `a -TCP/8080-> b (egress rule; ingress rule)`, one line per hop. */
function pathLines(path: WitnessPath): string[] {
  const rules = (side: WitnessPath['hops'][number]['egress']): string =>
    side === undefined || !side.isolated
      ? 'not isolated'
      : side.allowedBy
          .map((r) => `${r.policy.namespace}/${r.policy.name} rule ${r.ruleIndex}`)
          .join(', ');
  return path.hops.map(
    (h) =>
      `  ${h.from} -${h.protocol}/${h.port}-> ${h.to} (egress: ${rules(h.egress)}; ingress: ${rules(h.ingress)})`,
  );
}

function toHaveNoPath(
  this: MatcherState,
  received: unknown,
  from: EndpointInput,
  to: EndpointInput,
  options: NoPathOptions = {},
): { pass: boolean; message: () => string } {
  const engine = asEngine(received);
  const a = resolveInput(engine, from, 'toHaveNoPath');
  const b = resolveInput(a.engine, to, 'toHaveNoPath');
  const result = paths(b.engine, a.resolved, b.resolved, options);
  const pass = result.distance === null;
  const within = options.maxHops === undefined ? '' : ` within ${options.maxHops} hops`;
  const hint = (): string =>
    this.utils.matcherHint('toHaveNoPath', 'engine', 'from, to', { isNot: this.isNot });
  const path = result.paths[0];
  return {
    pass,
    message: () =>
      pass
        ? `${hint()}\n\nexpected a path from ${result.from} to ${result.to}${within}, but there is none`
        : [
            `${hint()}\n\nexpected no path from ${result.from} to ${result.to}${within}, but one has ${result.distance} hop${result.distance === 1 ? '' : 's'}:`,
            ...(path === undefined ? [] : pathLines(path)),
          ].join('\n'),
  };
}

/**
 * The lateral-movement matcher for vitest: `toHaveNoPath` on an `Engine`.
 *
 * @example
 * ```ts
 * import { pathMatchers } from '@kube-reach/core/vitest';
 * expect.extend(pathMatchers);
 * expect(engine).toHaveNoPath('external', 'shop/statefulset/db', { maxHops: 3 });
 * ```
 */
export const pathMatchers: PathMatchers = { toHaveNoPath };
