import { andWords, Bitset, setRange } from '../bitset/index.js';
import type { LabelSelector, Labels } from '../model/index.js';
import { IpSet } from '../net/index.js';
import { compileSelector } from '../select/index.js';
import type { TermSource } from './allowed-rows.js';
import { ROW_CACHE_BUDGET, RowCache } from './allowed-rows.js';
import type { ClassSelection } from './class-selection.js';
import type { AddressAtoms } from './pod-address-atoms.js';
import { ipBlockKey } from './pod-address-atoms.js';
import type { PeerIR, PolicyIR, RuleIR } from './policy-ir.js';

/** A canonical text for a selector: equal texts select the same things. */
export function selectorKey(selector: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of selector.matchLabels) parts.push(`=${k}\u0000${v}`);
  for (const r of selector.matchExpressions) {
    const values = r.values.length > 1 ? [...new Set(r.values)].sort() : r.values;
    parts.push(`${r.operator}${r.key}\u0000${values.join('\u0000')}`);
  }
  return parts.sort().join('\u0001');
}

/** A peer as the terms see it: which namespaces, which labels, or which addresses. */
type PeerMatch =
  | {
      readonly kind: 'pods';
      /** Namespace indexes the peer covers. */
      readonly namespaces: readonly number[];
      readonly namespaceSet: Bitset;
      readonly podSelector: LabelSelector | undefined;
      readonly matches: ((labels: Labels) => boolean) | undefined;
    }
  | {
      readonly kind: 'ipBlock';
      /**
       * The IP atoms matched, as inclusive ranges `[first, last, ...]`: an ipBlock is its CIDR
       * minus a few excepts, so a handful of ranges whatever the number of atoms they span.
       */
      readonly ranges: Int32Array;
    };

/** Whether `atom` lies in one of the inclusive ranges `[first, last, ...]` (sorted). */
function inRanges(ranges: Int32Array, atom: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (atom < (ranges[i] as number)) return false;
    if (atom <= (ranges[i + 1] as number)) return true;
  }
  return false;
}

/** The first index of sorted `values` holding a value >= `at`. */
function lowerBound(values: Int32Array, at: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Term {
  /** `'all'`: the rule names no peer, so every class and address. */
  readonly peers: 'all' | readonly PeerMatch[];
  /** Only these classes (never addresses): where an egress named port resolves. */
  readonly restrict: Bitset | undefined;
  /**
   * Whether the term is written straight into a target instead of through a cached row: its
   * peers are ipBlocks only (a few ranges to fill) and nothing narrows it.
   */
  readonly direct: boolean;
}

/**
 * The rule terms stage: the terms that allowed sets are unions of. A term is the peers of a
 * rule, deduplicated by what they match, optionally narrowed to the destination classes where
 * an egress named port resolves to one port class. A term's row has the pod classes, then the
 * IP atoms (addresses outside every pod); rows are built on demand and kept in a bounded cache.
 */
export class RuleTerms implements TermSource {
  readonly width: number;
  private readonly C: number;
  private readonly terms: Term[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly ruleTermKey = new Map<RuleIR, string>();
  private readonly ruleTermId = new Map<RuleIR, number>();
  private readonly peerMatches = new Map<string, PeerMatch>();
  private readonly namespaceSelections = new Map<string, { list: number[]; set: Bitset }>();
  /** The IP atoms some class has an address in, sorted, and those classes for each. */
  private readonly podAtoms: Int32Array;
  private readonly podAtomClasses: readonly (readonly number[])[];
  private readonly rows = new RowCache<Bitset | Int32Array>(ROW_CACHE_BUDGET);

  /**
   * @param selection - class selection over the pod classes
   * @param addresses - the address atoms of the policies' ipBlocks
   * @param atomsOfClass - the IP atoms of each class
   * @param namespaceIndex - namespace name to index
   */
  constructor(
    private readonly selection: ClassSelection,
    private readonly addresses: AddressAtoms,
    private readonly atomsOfClass: readonly (readonly number[])[],
    private readonly namespaceIndex: ReadonlyMap<string, number>,
  ) {
    this.C = selection.count;
    this.width = this.C + addresses.ipAtoms.count;
    // Per IP atom, the classes with an address in it.
    const classesInAtom = new Map<number, number[]>();
    atomsOfClass.forEach((atoms, c) => {
      for (const atom of atoms) {
        const list = classesInAtom.get(atom) ?? [];
        list.push(c);
        classesInAtom.set(atom, list);
      }
    });
    this.podAtoms = Int32Array.from(classesInAtom.keys()).sort();
    this.podAtomClasses = Array.from(this.podAtoms, (atom) => classesInAtom.get(atom) ?? []);
  }

  /** Number of terms made so far. */
  get count(): number {
    return this.terms.length;
  }

  /** The term of a rule's peers. */
  ruleTerm(policy: PolicyIR, rule: RuleIR): number {
    let id = this.ruleTermId.get(rule);
    if (id !== undefined) return id;
    const peers = rule.peers;
    if (peers === 'all') {
      this.ruleTermKey.set(rule, '*');
      id = this.termOf('*', () => ({ peers: 'all', restrict: undefined, direct: false }));
    } else {
      const keys = peers.map((peer) => this.peerKey(policy, peer));
      const key = [...new Set(keys)].sort().join('\n');
      this.ruleTermKey.set(rule, key);
      id = this.termOf(key, () => {
        const matches = peers.map((peer, i) => this.peerMatch(policy, peer, keys[i] ?? ''));
        return {
          peers: matches,
          restrict: undefined,
          direct: matches.every((match) => match.kind === 'ipBlock'),
        };
      });
    }
    this.ruleTermId.set(rule, id);
    return id;
  }

  /** The term of a rule's peers kept to `mask`: where named port `name` means port class k. */
  namedTerm(policy: PolicyIR, rule: RuleIR, name: string, k: number, mask: Bitset): number {
    const base = this.ruleTerm(policy, rule);
    return this.termOf(`${this.ruleTermKey.get(rule)}#${name}#${k}`, () => ({
      peers: (this.terms[base] as Term).peers,
      restrict: mask,
      direct: false,
    }));
  }

  has(t: number, x: number): boolean {
    const C = this.C;
    const term = this.terms[t] as Term;
    if (term.restrict !== undefined && !(x < C && term.restrict.has(x))) return false;
    if (term.peers === 'all') return true;
    for (const peer of term.peers) {
      if (peer.kind === 'pods') {
        // Selectors only ever match pods.
        if (this.selection.picks(x, peer.namespaceSet, peer.matches)) return true;
      } else if (x >= C) {
        if (inRanges(peer.ranges, x - C)) return true;
      } else {
        for (const atom of this.atomsOfClass[x] ?? []) if (inRanges(peer.ranges, atom)) return true;
      }
    }
    return false;
  }

  orInto(t: number, target: Bitset): void {
    const term = this.terms[t] as Term;
    if (term.direct && term.peers !== 'all') {
      this.addPeers(term.peers, target.words);
      return;
    }
    const row = this.row(t);
    if (row instanceof Bitset) {
      target.or(row);
      return;
    }
    const words = target.words;
    for (let i = 0; i < row.length; i++) {
      const x = row[i] as number;
      words[x >>> 5] = (words[x >>> 5] as number) | (1 << (x & 31));
    }
  }

  /**
   * The row of term `t`, or its set columns when they are few: a selector often matches a
   * handful of classes, and setting those bits is cheaper than ORing a whole row into every
   * allowed set holding the term.
   */
  private row(t: number): Bitset | Int32Array {
    const cached = this.rows.get(t);
    if (cached !== undefined) return cached;
    const term = this.terms[t] as Term;
    const row = new Bitset(this.width);
    if (term.peers === 'all') row.fill();
    else this.addPeers(term.peers, row.words);
    if (term.restrict !== undefined) andWords(row.words, term.restrict.words);
    const kept = row.count() * 8 <= row.words.length ? Int32Array.from(row.toArray()) : row;
    this.rows.set(t, kept);
    return kept;
  }

  /** ORs what the peers match into a row's words. */
  private addPeers(peers: readonly PeerMatch[], words: Uint32Array): void {
    const C = this.C;
    const podAtoms = this.podAtoms;
    for (const peer of peers) {
      if (peer.kind === 'pods') {
        this.selection.selectPodsInto(peer.namespaces, peer.namespaceSet, peer.podSelector, words);
        continue;
      }
      const ranges = peer.ranges;
      for (let r = 0; r < ranges.length; r += 2) {
        const first = ranges[r] as number;
        const last = ranges[r + 1] as number;
        setRange(words, C + first, C + last + 1);
        // The classes with an address in the range: only atoms that hold pods are visited.
        for (let i = lowerBound(podAtoms, first); i < podAtoms.length; i++) {
          if ((podAtoms[i] as number) > last) break;
          for (const c of this.podAtomClasses[i] ?? []) {
            words[c >>> 5] = (words[c >>> 5] as number) | (1 << (c & 31));
          }
        }
      }
    }
  }

  private termOf(key: string, make: () => Term): number {
    let id = this.termIds.get(key);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(make());
      this.termIds.set(key, id);
    }
    return id;
  }

  /** Peers, deduplicated by what they match. */
  private peerKey(policy: PolicyIR, peer: PeerIR): string {
    if (peer.kind === 'ipBlock') return `b${ipBlockKey(peer)}`;
    const ns =
      peer.namespaceSelector === undefined
        ? `n${policy.namespace}`
        : `s${selectorKey(peer.namespaceSelector)}`;
    return `p${ns}|${peer.podSelector === undefined ? '*' : selectorKey(peer.podSelector)}`;
  }

  private peerMatch(policy: PolicyIR, peer: PeerIR, key: string): PeerMatch {
    let match = this.peerMatches.get(key);
    if (match !== undefined) return match;
    if (peer.kind === 'ipBlock') {
      // An ipBlock matches the addresses of its CIDR minus `except`: every atom inside it, and
      // the pods whose IPs fall in those atoms (when ipBlocks match pods).
      const { ipAtoms, blockSets } = this.addresses;
      const set = blockSets.get(ipBlockKey(peer)) ?? IpSet.EMPTY;
      match = { kind: 'ipBlock', ranges: Int32Array.from(ipAtoms.atomRangesOf(set)) };
    } else {
      // namespaceSelector picks namespaces; without it, the policy's own namespace. Both
      // selectors in one peer are ANDed.
      let selection: { list: number[]; set: Bitset };
      if (peer.namespaceSelector === undefined) {
        const n = this.namespaceIndex.get(policy.namespace);
        const list = n === undefined ? [] : [n];
        selection = { list, set: Bitset.fromIndices(this.selection.namespaceCount, list) };
      } else {
        const nsKey = selectorKey(peer.namespaceSelector);
        const cached = this.namespaceSelections.get(nsKey);
        if (cached === undefined) {
          const set = this.selection.selectNamespaces(peer.namespaceSelector);
          selection = { list: set.toArray(), set };
          this.namespaceSelections.set(nsKey, selection);
        } else {
          selection = cached;
        }
      }
      match = {
        kind: 'pods',
        namespaces: selection.list,
        namespaceSet: selection.set,
        podSelector: peer.podSelector,
        matches: peer.podSelector === undefined ? undefined : compileSelector(peer.podSelector),
      };
    }
    this.peerMatches.set(key, match);
    return match;
  }
}
