import type { ConnectionSet, PortRange, Protocol } from '../model/index.js';
import { PROTOCOLS } from '../model/index.js';
import { PortSet } from '../net/index.js';

type PerProtocol = Record<Protocol, PortSet>;

function perProtocol(set: ConnectionSet): PerProtocol {
  const result = {} as Record<Protocol, PortSet>;
  for (const protocol of PROTOCOLS) {
    result[protocol] = set === 'all' ? PortSet.ALL : PortSet.of(set[protocol] ?? []);
  }
  return result;
}

function toConnectionSet(sets: PerProtocol): ConnectionSet {
  if (PROTOCOLS.every((p) => sets[p].isAll())) return 'all';
  const result: { [P in Protocol]?: readonly PortRange[] } = {};
  for (const protocol of PROTOCOLS) {
    if (!sets[protocol].isEmpty()) result[protocol] = sets[protocol].ranges;
  }
  return result;
}

/** The empty connection set. */
export const NONE: ConnectionSet = Object.freeze({});

/** Whether a set allows nothing. */
export function isNone(set: ConnectionSet): boolean {
  return set !== 'all' && PROTOCOLS.every((p) => (set[p] ?? []).length === 0);
}

/** A canonical text for a set: equal sets, equal keys. */
export function setKey(set: ConnectionSet): string {
  const sets = perProtocol(set);
  return PROTOCOLS.map((p) => `${p}:${sets[p].toString()}`).join(';');
}

/** The union of connection sets. */
export function unionSets(sets: readonly ConnectionSet[]): ConnectionSet {
  if (sets.includes('all')) return 'all';
  if (sets.length === 1) return sets[0] as ConnectionSet;
  const result = perProtocol(NONE);
  for (const set of sets) {
    const own = perProtocol(set);
    for (const p of PROTOCOLS) result[p] = result[p].union(own[p]);
  }
  return toConnectionSet(result);
}

/** What `a` allows and `b` does not. */
export function subtractSets(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  const x = perProtocol(a);
  const y = perProtocol(b);
  for (const p of PROTOCOLS) x[p] = x[p].difference(y[p]);
  return toConnectionSet(x);
}
