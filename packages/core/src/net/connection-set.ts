// The algebra of connection sets (`'all'` or port ranges per protocol), the form the engine
// answers in, done once on PortSet for every caller: the composed query (`--match all|any`),
// diff, and the CLI.
import type { ConnectionSet, PortRange, Protocol } from '../model/index.js';
import { PROTOCOLS } from '../model/index.js';
import { MAX_PORT, PortSet } from './port-set.js';

type PerProtocol = Record<Protocol, PortSet>;

const FULL: readonly PortRange[] = Object.freeze([Object.freeze([1, MAX_PORT] as const)]);

/** The empty connection set: no port of any protocol. */
export const NONE: ConnectionSet = Object.freeze({});

function perProtocol(set: ConnectionSet): PerProtocol {
  const result = {} as PerProtocol;
  for (const protocol of PROTOCOLS) {
    result[protocol] = set === 'all' ? PortSet.ALL : PortSet.of(set[protocol] ?? []);
  }
  return result;
}

/** The canonical set: `'all'` when every protocol is full, else only the non-empty protocols. */
function toConnectionSet(sets: PerProtocol): ConnectionSet {
  if (PROTOCOLS.every((p) => sets[p].isAll())) return 'all';
  const result: { [P in Protocol]?: readonly PortRange[] } = {};
  for (const protocol of PROTOCOLS) {
    if (!sets[protocol].isEmpty()) result[protocol] = sets[protocol].ranges;
  }
  return result;
}

function build(portsOf: (protocol: Protocol) => PortSet): ConnectionSet {
  const result = {} as PerProtocol;
  for (const protocol of PROTOCOLS) result[protocol] = portsOf(protocol);
  return toConnectionSet(result);
}

/**
 * The ports of one protocol a set allows.
 *
 * @param set - the connection set.
 * @param protocol - the protocol.
 * @returns its ranges, sorted and merged as the set holds them (`1..65535` for `'all'`).
 */
export function rangesOf(set: ConnectionSet, protocol: Protocol): readonly PortRange[] {
  return set === 'all' ? FULL : (set[protocol] ?? []);
}

/**
 * The ports of one protocol a set allows, as a {@link PortSet}.
 *
 * @param set - the connection set.
 * @param protocol - the protocol.
 * @returns the port set.
 */
export function portSetOf(set: ConnectionSet, protocol: Protocol): PortSet {
  return set === 'all' ? PortSet.ALL : PortSet.of(set[protocol] ?? []);
}

/**
 * Whether a set allows nothing.
 *
 * @param set - the connection set.
 * @returns true for no port of any protocol.
 */
export function isEmptySet(set: ConnectionSet): boolean {
  return set !== 'all' && PROTOCOLS.every((p) => (set[p] ?? []).length === 0);
}

/**
 * The ports allowed by any of the sets.
 *
 * @param sets - connection sets (none gives {@link NONE}).
 * @returns their union, canonical.
 */
export function unionSets(...sets: readonly ConnectionSet[]): ConnectionSet {
  return unionAll(sets);
}

/**
 * The ports allowed by any set of a list (a list of any length: no spread).
 *
 * @param sets - connection sets (none gives {@link NONE}).
 * @returns their union, canonical.
 */
export function unionAll(sets: readonly ConnectionSet[]): ConnectionSet {
  if (sets.includes('all')) return 'all';
  const result = perProtocol(NONE);
  for (const set of sets) {
    for (const p of PROTOCOLS) result[p] = result[p].union(portSetOf(set, p));
  }
  return toConnectionSet(result);
}

/**
 * The ports allowed by both sets.
 *
 * @param a - a connection set.
 * @param b - another.
 * @returns their intersection, canonical.
 */
export function intersectSets(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return build((p) => portSetOf(a, p).intersect(portSetOf(b, p)));
}

/**
 * What `a` allows and `b` does not.
 *
 * @param a - a connection set.
 * @param b - the set to take away.
 * @returns the difference, canonical.
 */
export function subtractSets(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return build((p) => portSetOf(a, p).difference(portSetOf(b, p)));
}

/**
 * The part of a set inside `first..last` of one protocol.
 *
 * @param set - the connection set.
 * @param protocol - the one protocol kept.
 * @param first - first port, in `1..65535`.
 * @param last - last port, in `first..65535`.
 * @returns the restricted set.
 * @throws RangeError when the bounds are not ports or are reversed.
 */
export function restrictSet(
  set: ConnectionSet,
  protocol: Protocol,
  first: number,
  last: number,
): ConnectionSet {
  const window = PortSet.range(first, last);
  return build((p) => (p === protocol ? portSetOf(set, p).intersect(window) : PortSet.EMPTY));
}

/**
 * The set of single ports of one protocol.
 *
 * @param protocol - the protocol.
 * @param ports - ports in `1..65535`, in any order.
 * @returns the set.
 * @throws RangeError when a port is out of range.
 */
export function portsSet(protocol: Protocol, ports: readonly number[]): ConnectionSet {
  const own = PortSet.of(ports.map((port): PortRange => [port, port]));
  return build((p) => (p === protocol ? own : PortSet.EMPTY));
}

/**
 * How much of `first..last` of one protocol a set allows.
 *
 * @param set - the connection set.
 * @param protocol - the protocol.
 * @param first - first port.
 * @param last - last port.
 * @returns `'all'`, `'some'` or `'none'` of those ports.
 * @throws RangeError when the bounds are not ports or are reversed.
 */
export function coverage(
  set: ConnectionSet,
  protocol: Protocol,
  first: number,
  last: number,
): 'all' | 'some' | 'none' {
  const inside = portSetOf(set, protocol).intersect(PortSet.range(first, last)).size;
  return inside === 0 ? 'none' : inside === last - first + 1 ? 'all' : 'some';
}

/**
 * A canonical text for a set: equal sets (whatever their spelling), equal keys.
 *
 * @param set - the connection set.
 * @returns a key such as `TCP:80,443;UDP:;SCTP:`.
 */
export function setKey(set: ConnectionSet): string {
  return PROTOCOLS.map((p) => `${p}:${portSetOf(set, p).toString()}`).join(';');
}
