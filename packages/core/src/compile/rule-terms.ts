import { andWords, Bitset } from '../bitset/index.js';
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
  | { readonly kind: 'ipBlock'; readonly atoms: Bitset; readonly atomList: readonly number[] };

interface Term {
  /** `'all'`: the rule names no peer, so every class and address. */
  readonly peers: 'all' | readonly PeerMatch[];
  /** Only these classes (never addresses): where an egress named port resolves. */
  readonly restrict: Bitset | undefined;
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
  private readonly classesInAtom = new Map<number, number[]>();
  private readonly rows = new RowCache(ROW_CACHE_BUDGET);

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
    atomsOfClass.forEach((atoms, c) => {
      for (const atom of atoms) {
        const list = this.classesInAtom.get(atom) ?? [];
        list.push(c);
        this.classesInAtom.set(atom, list);
      }
    });
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
      id = this.termOf('*', () => ({ peers: 'all', restrict: undefined }));
    } else {
      const keys = peers.map((peer) => this.peerKey(policy, peer));
      const key = [...new Set(keys)].sort().join('\n');
      this.ruleTermKey.set(rule, key);
      id = this.termOf(key, () => ({
        peers: peers.map((peer, i) => this.peerMatch(policy, peer, keys[i] ?? '')),
        restrict: undefined,
      }));
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
        if (peer.atoms.has(x - C)) return true;
      } else {
        for (const atom of this.atomsOfClass[x] ?? []) if (peer.atoms.has(atom)) return true;
      }
    }
    return false;
  }

  orInto(t: number, target: Bitset): void {
    target.or(this.row(t));
  }

  private row(t: number): Bitset {
    const cached = this.rows.get(t);
    if (cached !== undefined) return cached;
    const term = this.terms[t] as Term;
    const row = new Bitset(this.width);
    if (term.peers === 'all') {
      row.fill();
    } else {
      for (const peer of term.peers) {
        if (peer.kind === 'pods') {
          this.selection.selectPodsInto(
            peer.namespaces,
            peer.namespaceSet,
            peer.podSelector,
            row.words,
          );
        } else {
          for (const atom of peer.atomList) {
            row.add(this.C + atom);
            for (const c of this.classesInAtom.get(atom) ?? []) row.add(c);
          }
        }
      }
    }
    if (term.restrict !== undefined) andWords(row.words, term.restrict.words);
    this.rows.set(t, row);
    return row;
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
      const atomList = ipAtoms.atomsOf(blockSets.get(ipBlockKey(peer)) ?? IpSet.EMPTY);
      match = { kind: 'ipBlock', atoms: Bitset.fromIndices(ipAtoms.count, atomList), atomList };
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
