import type { ConnectionSet, PortRange, Protocol } from '../model/index.js';
import { MAX_PORT, PROTOCOLS } from '../model/index.js';

/**
 * A set of (protocol, port) pairs: for each protocol, sorted, merged, non-adjacent inclusive
 * ranges within 1-65535. Every function here returns a set in that form.
 */
export type PortSet = { readonly [P in Protocol]: readonly PortRange[] };

/** Lowest port number a NetworkPolicy can name. */
const MIN_PORT = 1;

/** No port of any protocol. */
export const NO_PORTS: PortSet = { TCP: [], UDP: [], SCTP: [] };

/** Every port of every protocol. */
export const ALL_PORTS: PortSet = {
  TCP: [[MIN_PORT, MAX_PORT]],
  UDP: [[MIN_PORT, MAX_PORT]],
  SCTP: [[MIN_PORT, MAX_PORT]],
};

/** Ports `first` to `last` (inclusive) of one protocol. */
export function portRange(protocol: Protocol, first: number, last: number): PortSet {
  return { ...NO_PORTS, [protocol]: normalize([[first, last]]) };
}

/** Every port of one protocol. */
export function allPortsOf(protocol: Protocol): PortSet {
  return portRange(protocol, MIN_PORT, MAX_PORT);
}

/** The pairs in `a` or in `b`. */
export function unionPorts(a: PortSet, b: PortSet): PortSet {
  return mapProtocols((p) => normalize([...a[p], ...b[p]]));
}

/** The pairs in both `a` and `b`. */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  return mapProtocols((p) => {
    const out: PortRange[] = [];
    for (const [a1, a2] of a[p]) {
      for (const [b1, b2] of b[p]) out.push([Math.max(a1, b1), Math.min(a2, b2)]);
    }
    return normalize(out);
  });
}

/** True when `port` of `protocol` is in the set. */
export function hasPort(set: PortSet, protocol: Protocol, port: number): boolean {
  return set[protocol].some(([first, last]) => first <= port && port <= last);
}

/** The public form: `'all'` when all three protocols are fully open, else the non-empty ones. */
export function toConnectionSet(set: PortSet): ConnectionSet {
  const full = PROTOCOLS.every((p) => sameRanges(set[p], ALL_PORTS[p]));
  if (full) return 'all';
  const out: { [P in Protocol]?: readonly PortRange[] } = {};
  for (const p of PROTOCOLS) if (set[p].length > 0) out[p] = set[p];
  return out;
}

function mapProtocols(f: (p: Protocol) => readonly PortRange[]): PortSet {
  return { TCP: f('TCP'), UDP: f('UDP'), SCTP: f('SCTP') };
}

/** Clips to 1-65535, drops empty ranges, sorts, and merges overlapping or adjacent ranges. */
function normalize(ranges: readonly PortRange[]): readonly PortRange[] {
  const clipped = ranges
    .map(([a, b]): [number, number] => [Math.max(a, MIN_PORT), Math.min(b, MAX_PORT)])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of clipped) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function sameRanges(a: readonly PortRange[], b: readonly PortRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r[0] === b[i]?.[0] && r[1] === b[i]?.[1]);
}

/** The pairs in `a` and not in `b`. */
export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  return mapProtocols((p) => {
    let out: PortRange[] = [...a[p]];
    for (const [b1, b2] of b[p]) {
      const next: PortRange[] = [];
      for (const [a1, a2] of out) {
        if (b2 < a1 || b1 > a2) {
          next.push([a1, a2]);
          continue;
        }
        if (a1 < b1) next.push([a1, b1 - 1]);
        if (b2 < a2) next.push([b2 + 1, a2]);
      }
      out = next;
    }
    return normalize(out);
  });
}
