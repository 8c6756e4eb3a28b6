// Set algebra on the engine's answers (ConnectionSet), for endpoints that stand for several
// pods (moved from the CLI with query(); to be unified with diff's on net/PortSet): the ports every pair may use (--match all) or some pair may use (--match any).
import type { ConnectionSet, PortRange, Protocol } from '../model/index.js';
import { MAX_PORT, PROTOCOLS } from '../model/index.js';

type Ranges = readonly PortRange[];

const FULL: Ranges = [[1, MAX_PORT]];

/** The allowed ranges of one protocol. */
export function rangesOf(set: ConnectionSet, protocol: Protocol): Ranges {
  return set === 'all' ? FULL : (set[protocol] ?? []);
}

/** True when the set allows nothing. */
export function isEmptySet(set: ConnectionSet): boolean {
  return set !== 'all' && PROTOCOLS.every((p) => rangesOf(set, p).length === 0);
}

/** The ports allowed by both sets. */
export function intersectSets(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return build((p) => intersect(rangesOf(a, p), rangesOf(b, p)));
}

/** The ports allowed by either set. */
export function unionSets(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return build((p) => merge([...rangesOf(a, p), ...rangesOf(b, p)]));
}

/** The part of `set` inside `first..last` of one protocol. */
export function restrictSet(
  set: ConnectionSet,
  protocol: Protocol,
  first: number,
  last: number,
): ConnectionSet {
  return build((p) => (p === protocol ? intersect(rangesOf(set, p), [[first, last]]) : []));
}

/** A set of single ports of one protocol. */
export function portsSet(protocol: Protocol, ports: readonly number[]): ConnectionSet {
  return build((p) => (p === protocol ? merge(ports.map((port): PortRange => [port, port])) : []));
}

/** How much of `first..last` the set allows. */
export function coverage(
  set: ConnectionSet,
  protocol: Protocol,
  first: number,
  last: number,
): 'all' | 'some' | 'none' {
  const inside = intersect(rangesOf(set, protocol), [[first, last]]);
  const count = inside.reduce((n, [a, b]) => n + (b - a + 1), 0);
  return count === 0 ? 'none' : count === last - first + 1 ? 'all' : 'some';
}

function build(rangesFor: (protocol: Protocol) => Ranges): ConnectionSet {
  const result: { [P in Protocol]?: Ranges } = {};
  let full = true;
  for (const protocol of PROTOCOLS) {
    const ranges = rangesFor(protocol);
    const [first] = ranges;
    if (!(ranges.length === 1 && first?.[0] === 1 && first[1] === MAX_PORT)) full = false;
    if (ranges.length > 0) result[protocol] = ranges;
  }
  return full ? 'all' : result;
}

function merge(ranges: readonly PortRange[]): Ranges {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last !== undefined && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function intersect(x: Ranges, y: Ranges): Ranges {
  const out: PortRange[] = [];
  for (const [a0, a1] of x) {
    for (const [b0, b1] of y) {
      const lo = Math.max(a0, b0);
      const hi = Math.min(a1, b1);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return merge(out);
}
