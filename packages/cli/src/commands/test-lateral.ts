import type { Engine, ReachGraph, WitnessPath } from '@kube-reach/core';
import { blastRadius, buildReachGraph, paths } from '@kube-reach/core';
import type { Expectation, LateralCheck } from '../expectations.js';
import type { Session } from '../session.js';
import type { TestResult } from './test-report.js';

// The lateral-movement expectations of `reach test` (`noPath`, `maxBlastRadius`), answered on
// the reach graph of core's paths/. The pair expectations are in `test.ts`.

/** One reach graph per engine and hop rule, shared by the expectations of a run. */
const graphs = new WeakMap<Engine, Map<boolean, ReachGraph>>();

function graphOf(engine: Engine, anyPort: boolean): ReachGraph {
  let byRule = graphs.get(engine);
  if (byRule === undefined) {
    byRule = new Map();
    graphs.set(engine, byRule);
  }
  let graph = byRule.get(anyPort);
  if (graph === undefined) {
    graph = buildReachGraph(engine, anyPort ? { anyPort } : {});
    byRule.set(anyPort, graph);
  }
  return graph;
}

/** `a -TCP/8080-> b`, then each hop's rules. */
function pathLines(path: WitnessPath): string[] {
  const rules = (side: WitnessPath['hops'][number]['egress']): string =>
    side === undefined || !side.isolated
      ? 'not isolated'
      : side.allowedBy
          .map((r) => `${r.policy.namespace}/${r.policy.name} rule ${r.ruleIndex}`)
          .join(', ');
  return path.hops.map(
    (h) =>
      `${h.from} -> ${h.to} ${h.protocol}/${h.port}: egress ${rules(h.egress)}; ingress ${rules(h.ingress)}`,
  );
}

/** Checks a `noPath` or `maxBlastRadius` expectation against the session's engine. */
export function checkLateral(
  session: Session,
  expectation: Expectation,
  check: LateralCheck,
): TestResult {
  const hops = check.maxHops === undefined ? '<any>' : `<= ${check.maxHops} hops`;
  const ends = check.kind === 'noPath' ? [expectation.from, expectation.to] : [expectation.from];
  const resolved = ends.map((text) => session.resolve(text));
  const errors = resolved.flatMap((r) => (r.ok ? [] : [r.issue]));
  if (errors.length > 0) {
    return {
      expectation,
      status: 'error',
      traffic: hops,
      message: errors.map((e) => e.message).join('; '),
      details: errors.flatMap((e) =>
        e.candidatesTitle === undefined
          ? []
          : [e.candidatesTitle, ...e.candidates.map((c) => `  ${c}`)],
      ),
    };
  }
  const [from, to] = resolved.map((r) => (r.ok ? r.endpoint : undefined));
  if (from === undefined) throw new Error('unreachable: endpoints resolved');
  const graph = graphOf(session.engine, check.anyPort);
  const options = check.maxHops === undefined ? {} : { maxHops: check.maxHops };
  if (check.kind === 'noPath') {
    if (to === undefined) throw new Error('unreachable: noPath has a destination');
    const result = paths(graph, from, to, options);
    if (result.distance === null) {
      return { expectation, status: 'pass', traffic: hops, actual: 'no path', details: [] };
    }
    const path = result.paths[0];
    return {
      expectation,
      status: 'fail',
      traffic: hops,
      actual: `path of ${result.distance} hops`,
      message: `expected no path, found one of ${result.distance} hop${result.distance === 1 ? '' : 's'}`,
      details: path === undefined ? [] : pathLines(path),
    };
  }
  const result = blastRadius(graph, from, { ...options, explain: false });
  const pods = result.reached.reduce((n, r) => n + (r.kind === 'pod' ? r.endpoints.length : 0), 0);
  if (pods <= check.pods) {
    return { expectation, status: 'pass', traffic: hops, actual: `${pods} pods`, details: [] };
  }
  return {
    expectation,
    status: 'fail',
    traffic: hops,
    actual: `${pods} pods`,
    message: `expected at most ${check.pods} pods reachable, found ${pods}`,
    details: result.byDistance.map(
      (c, i) => `${i + 1} hop${i === 0 ? '' : 's'}: ${c.pods} pod${c.pods === 1 ? '' : 's'}`,
    ),
  };
}
