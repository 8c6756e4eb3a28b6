import { Bitset } from '../bitset/index.js';
import type { PortRange, Protocol } from '../model/index.js';
import { PROTOCOLS } from '../model/index.js';
import { PortAtoms, PortSet } from '../net/index.js';
import type { PolicyIR, PortIR, RuleIR } from './policy-ir.js';
import { allPorts, allRules } from './policy-ir.js';

/**
 * Port classes: per protocol, 1–65535 is cut into atoms at every boundary a rule uses (numbers,
 * `endPort`, and named ports resolved on every pod), and atoms that every rule treats alike are
 * merged into one class. Each class belongs to one protocol.
 */
export interface PortClasses {
  readonly count: number;
  readonly protocolOf: readonly Protocol[];
  /** The ports of each class, sorted and merged. */
  readonly rangesOf: readonly (readonly PortRange[])[];
  /** Every class of every protocol. */
  readonly all: Bitset;
  /** The class a port of a protocol falls in. */
  classOf(protocol: Protocol, port: number): number;
  /** The classes the numeric and protocol-only entries cover (named entries are skipped). */
  maskOf(ports: readonly PortIR[]): Bitset;
}

/** What a set of rules says about ports, gathered before the classes are cut. */
export interface PortUse {
  /** Numeric ranges used by rules, per protocol. */
  readonly ranges: ReadonlyMap<Protocol, readonly PortRange[]>;
  /** Port numbers that named ports resolve to on some pod, per protocol. */
  readonly namedTargets: ReadonlyMap<Protocol, readonly number[]>;
}

/** Cuts the port space into classes for the given uses. */
export function buildPortClasses(use: PortUse): PortClasses {
  const atomsByProtocol = new Map<Protocol, PortAtoms>();
  const classOfAtom = new Map<Protocol, Int32Array>();
  const protocolOf: Protocol[] = [];
  const rangesOf: PortRange[][] = [];
  const allOfProtocol = new Map<Protocol, number[]>();

  for (const protocol of PROTOCOLS) {
    // Every distinct port set a rule can ask for; an atom's signature is the list of sets
    // containing it. Named ports resolve to single ports, so each target is a set of its own.
    const sets = new Map<string, PortSet>();
    for (const [a, b] of use.ranges.get(protocol) ?? []) {
      const set = PortSet.range(a, b);
      sets.set(set.toString(), set);
    }
    for (const p of use.namedTargets.get(protocol) ?? []) {
      const set = PortSet.single(p);
      sets.set(set.toString(), set);
    }
    const atoms = PortAtoms.fromBoundaries(sets.values());
    atomsByProtocol.set(protocol, atoms);
    const signature: number[][] = Array.from({ length: atoms.count }, () => []);
    let setIndex = 0;
    for (const set of sets.values()) {
      for (const atom of atoms.atomsOf(set)) signature[atom]?.push(setIndex);
      setIndex++;
    }
    const classes = new Int32Array(atoms.count);
    const bySignature = new Map<string, number>();
    const mine: number[] = [];
    for (let atom = 0; atom < atoms.count; atom++) {
      const key = (signature[atom] ?? []).join(',');
      let cls = bySignature.get(key);
      if (cls === undefined) {
        cls = protocolOf.length;
        bySignature.set(key, cls);
        protocolOf.push(protocol);
        rangesOf.push([]);
        mine.push(cls);
      }
      classes[atom] = cls;
      rangesOf[cls]?.push(atoms.range(atom));
    }
    classOfAtom.set(protocol, classes);
    allOfProtocol.set(protocol, mine);
  }

  const count = protocolOf.length;
  const merged = rangesOf.map((list) => PortSet.of(list).ranges);
  const all = Bitset.full(count);
  const protocolMasks = new Map<Protocol, Bitset>();
  for (const protocol of PROTOCOLS) {
    protocolMasks.set(protocol, Bitset.fromIndices(count, allOfProtocol.get(protocol) ?? []));
  }

  function classOf(protocol: Protocol, port: number): number {
    const atoms = atomsByProtocol.get(protocol);
    const classes = classOfAtom.get(protocol);
    if (!atoms || !classes) throw new RangeError(`unknown protocol ${protocol}`);
    return classes[atoms.atomOf(port)] ?? 0;
  }

  function maskOf(ports: readonly PortIR[]): Bitset {
    const mask = new Bitset(count);
    for (const entry of ports) {
      if (entry.kind === 'all') {
        const m = protocolMasks.get(entry.protocol);
        if (m) mask.or(m);
      } else if (entry.kind === 'range') {
        const atoms = atomsByProtocol.get(entry.protocol);
        const classes = classOfAtom.get(entry.protocol);
        if (!atoms || !classes) continue;
        for (const atom of atoms.atomsOf(PortSet.range(entry.first, entry.last))) {
          mask.add(classes[atom] ?? 0);
        }
      }
    }
    return mask;
  }

  return { count, protocolOf, rangesOf: merged, all, classOf, maskOf };
}

/**
 * Every numeric range a rule uses, per protocol.
 * @param policies - the normalized policies
 */
export function portRangesOf(policies: readonly PolicyIR[]): Map<Protocol, PortRange[]> {
  const ranges = new Map<Protocol, PortRange[]>();
  for (const port of allPorts(policies)) {
    if (port.kind === 'range') {
      const list = ranges.get(port.protocol) ?? [];
      list.push([port.first, port.last]);
      ranges.set(port.protocol, list);
    }
  }
  return ranges;
}

/**
 * The port classes of each rule's numeric and protocol-only entries (named entries resolve
 * later, per pod); a rule that names no port covers every class.
 * @param policies - the normalized policies
 * @param ports - the port classes
 */
export function rulePortMasks(
  policies: readonly PolicyIR[],
  ports: PortClasses,
): Map<RuleIR, Bitset> {
  const masks = new Map<RuleIR, Bitset>();
  for (const rule of allRules(policies)) {
    masks.set(rule, rule.ports === 'all' ? ports.all : ports.maskOf(rule.ports));
  }
  return masks;
}
