import { Bitset, wordsFor } from '../bitset/index.js';
import type {
  Cluster,
  LabelSelector,
  Labels,
  Namespace,
  Pod,
  PortRange,
  Protocol,
  SemanticsOptions,
} from '../model/index.js';
import { compareByNamespaceAndName, namespacesOfPods } from '../model/index.js';
import { IpAtoms, IpSet, parseIp } from '../net/index.js';
import { compileSelector, LabelIndex } from '../select/index.js';
import type { TermSource } from './allowed-rows.js';
import { AllowedRows, EAGER_ROW_BUDGET, ROW_CACHE_BUDGET, RowCache } from './allowed-rows.js';
import type { PodClasses } from './pod-classes.js';
import { groupPodClasses, namedPortKey } from './pod-classes.js';
import type { PeerIR, PolicyIR, PortIR, RuleIR } from './policy-ir.js';
import { normalizePolicy } from './policy-ir.js';
import type { PortClasses } from './port-classes.js';
import { buildPortClasses } from './port-classes.js';

/**
 * What one direction allows, per pod class and port class. Classes that some policy of the
 * direction selects are isolated; isolated classes selected by the same policies (and, for
 * ingress named ports, resolving them alike) share a rule group, and a group allows, on each
 * port class, one set of {@link AllowedRows}: ingress sets hold sources, egress sets
 * destinations. Columns `0..C-1` are pod classes and `C..C+A-1` IP atoms (addresses outside
 * every pod).
 */
export interface DirectionRules {
  /** Classes some policy of this direction selects. */
  readonly isolated: Bitset;
  /** The rule group of each class; -1 when the class is not isolated. */
  readonly groupOf: Int32Array;
  readonly groupCount: number;
  /**
   * The allowed set of group `g` on port class `k` (0: nothing). Stored as runs of port classes
   * per group (a rule's port ranges cover neighbouring classes), expanded to a dense table when
   * groups x port classes is small.
   */
  setAt(g: number, k: number): number;
  /** Bytes of the tables behind {@link DirectionRules.setAt}. */
  readonly byteLength: number;
}

/** Dense tables up to this many entries (groups x port classes); runs beyond. */
const DENSE_SET_TABLE = 16 * 1024 * 1024;

/** Everything the engine needs, computed once from a cluster. Immutable after construction. */
export interface CompiledCluster {
  readonly options: SemanticsOptions;
  readonly cluster: Cluster;
  /** Pods sorted by (namespace, name); a pod's index is its position here. */
  readonly pods: readonly Pod[];
  readonly podIndex: ReadonlyMap<string, number>;
  readonly namespaces: readonly Namespace[];
  readonly namespaceOfPod: Int32Array;
  readonly policies: readonly PolicyIR[];
  readonly classes: PodClasses;
  readonly ipAtoms: IpAtoms;
  readonly ports: PortClasses;
  /** Width of a row: pod classes, then IP atoms. */
  readonly width: number;
  /** The allowed sets both directions point into. */
  readonly rows: AllowedRows;
  readonly ingress: DirectionRules;
  readonly egress: DirectionRules;
}

function ipBlockKey(peer: { cidr: string; except: readonly string[] }): string {
  return `${peer.cidr}|${peer.except.join(',')}`;
}

/** The addresses an ipBlock peer matches: its CIDR without the `except` CIDRs. */
function ipBlockSet(peer: { cidr: string; except: readonly string[] }): IpSet {
  let set = IpSet.fromCidr(peer.cidr);
  for (const except of peer.except) set = set.difference(IpSet.fromCidr(except));
  return set;
}

/** A canonical text for a selector: equal texts select the same things. */
function selectorKey(selector: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of selector.matchLabels) parts.push(`=${k}\u0000${v}`);
  for (const r of selector.matchExpressions) {
    const values = r.values.length > 1 ? [...new Set(r.values)].sort() : r.values;
    parts.push(`${r.operator}${r.key}\u0000${values.join('\u0000')}`);
  }
  return parts.sort().join('\u0001');
}

function* allRules(policies: readonly PolicyIR[]): Iterable<RuleIR> {
  for (const policy of policies) {
    yield* policy.ingress;
    yield* policy.egress;
  }
}

function* allPeers(policies: readonly PolicyIR[]): Iterable<PeerIR> {
  for (const rule of allRules(policies)) if (rule.peers !== 'all') yield* rule.peers;
}

function* allPorts(policies: readonly PolicyIR[]): Iterable<PortIR> {
  for (const rule of allRules(policies)) if (rule.ports !== 'all') yield* rule.ports;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sets bits `from .. to-1` of a word array. */
function setRange(words: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; ) {
    const w = i >>> 5;
    const bit = i & 31;
    const n = Math.min(32 - bit, to - i);
    const mask = n === 32 ? 0xffffffff : ((1 << n) - 1) << bit;
    words[w] = (words[w] as number) | mask;
    i += n;
  }
}

/**
 * A canonical dotted quad (no leading zeros) as a number, or -1 for anything else, which then
 * goes through the full parser.
 */
function dottedQuad(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (ch >= 48 && ch <= 57) {
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (ch - 48);
      if (++digits > 3 || part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
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
 * Compiles a cluster: indexes labels, groups pods into classes, cuts ports and addresses into
 * atoms, groups classes by the policies that select them, and builds the deduplicated allowed
 * sets of both directions.
 *
 * @param rowBudget - bytes the rows may take when built eagerly; above it they are computed on
 *   demand (tests pass 0 to exercise that path)
 * @param denseSetTable - largest groups x port classes table kept dense; runs above it
 */
export function compileCluster(
  cluster: Cluster,
  options: SemanticsOptions,
  rowBudget: number = EAGER_ROW_BUDGET,
  denseSetTable: number = DENSE_SET_TABLE,
): CompiledCluster {
  const pods = [...cluster.pods].sort(compareByNamespaceAndName);
  const podIndex = new Map<string, number>();
  pods.forEach((pod, i) => {
    podIndex.set(`${pod.namespace}/${pod.name}`, i);
  });

  // Every namespace a pod lives in exists, with its name label, even if the input forgot it.
  const namespaces = namespacesOfPods(cluster.namespaces, pods);
  const namespaceIndex = new Map(namespaces.map((ns, i) => [ns.name, i] as const));
  const namespaceOfPod = Int32Array.from(pods, (pod) => namespaceIndex.get(pod.namespace) ?? 0);

  const policies = [...cluster.policies].sort(compareByNamespaceAndName).map(normalizePolicy);

  // IP atoms: the address space cut at every ipBlock boundary.
  const blockSets = new Map<string, IpSet>();
  for (const peer of allPeers(policies)) {
    if (peer.kind === 'ipBlock' && !blockSets.has(ipBlockKey(peer))) {
      blockSets.set(ipBlockKey(peer), ipBlockSet(peer));
    }
  }
  const ipAtoms = IpAtoms.fromSets(blockSets.values());

  // An ipBlock matches a pod by its IP only when the plugin is assumed to do so; with no ipBlock
  // at all, pod addresses never matter.
  const addressesMatter = options.ipBlockMatchesPods && blockSets.size > 0;
  // With hostNetworkPods 'node', a hostNetwork pod is node traffic: no selector sees it, and
  // ipBlocks match it by its IPs whatever ipBlockMatchesPods says (node IPs are not pod IPs).
  const isNodeTraffic = (index: number): boolean =>
    options.hostNetworkPods === 'node' && (pods[index] as Pod).hostNetwork;
  const v4Starts = Float64Array.from({ length: ipAtoms.v4Count }, (_, i) =>
    Number(ipAtoms.atom(i).first),
  );
  const atomOfText = (ip: string): number => {
    const v4 = dottedQuad(ip);
    if (v4 >= 0) {
      // The last atom starting at or below the address (atom 0 starts at 0.0.0.0).
      let lo = 0;
      let hi = v4Starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((v4Starts[mid] as number) <= v4) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }
    const parsed = parseIp(ip);
    return parsed ? ipAtoms.atomOf(parsed) : -1;
  };
  const podAtoms = (index: number): number[] => {
    if (!addressesMatter && !(blockSets.size > 0 && isNodeTraffic(index))) return [];
    const atoms: number[] = [];
    for (const ip of (pods[index] as Pod).ips) {
      const atom = atomOfText(ip);
      if (atom >= 0) atoms.push(atom);
    }
    return atoms;
  };

  const usedNamedPorts = new Set<string>();
  for (const port of allPorts(policies)) {
    if (port.kind === 'named') usedNamedPorts.add(namedPortKey(port.name, port.protocol));
  }

  const classes = groupPodClasses(pods, namespaceOfPod, usedNamedPorts, podAtoms, isNodeTraffic);
  const C = classes.count;
  const A = ipAtoms.count;
  const width = C + A;
  const repOf = (c: number): Pod => pods[classes.representative[c] ?? 0] as Pod;
  const classLabels: Labels[] = Array.from({ length: C }, (_, c) => repOf(c).labels);
  const nodeTraffic = Bitset.fromIndices(
    C,
    Array.from({ length: C }, (_, c) => c).filter((c) =>
      isNodeTraffic(classes.representative[c] ?? 0),
    ),
  );
  /** Clears the node-traffic classes from class words: selectors never see them. */
  const dropNodeTraffic = (words: Uint32Array): void => {
    if (nodeTraffic.isEmpty()) return;
    const drop = nodeTraffic.words;
    for (let i = 0; i < drop.length; i++) words[i] = (words[i] as number) & ~(drop[i] as number);
  };

  // Ports: every numeric range a rule uses, and every port a used name resolves to on a pod.
  const ranges = new Map<Protocol, PortRange[]>();
  for (const port of allPorts(policies)) {
    if (port.kind === 'range') {
      const list = ranges.get(port.protocol) ?? [];
      list.push([port.first, port.last]);
      ranges.set(port.protocol, list);
    }
  }
  const namedTargets = new Map<Protocol, number[]>();
  for (let c = 0; c < C; c++) {
    // Node traffic has no named ports a policy could see.
    if (nodeTraffic.has(c)) continue;
    for (const port of repOf(c).ports) {
      if (port.name !== undefined && usedNamedPorts.has(namedPortKey(port.name, port.protocol))) {
        const list = namedTargets.get(port.protocol) ?? [];
        list.push(port.containerPort);
        namedTargets.set(port.protocol, list);
      }
    }
  }
  const ports = buildPortClasses({ ranges, namedTargets });
  const K = ports.count;

  // Pods are sorted by namespace and classes numbered in pod order, so the classes of one
  // namespace are the contiguous range classStart[n] .. classStart[n + 1].
  const classNamespace = Int32Array.from({ length: C }, (_, c) => {
    return namespaceOfPod[classes.representative[c] ?? 0] ?? 0;
  });
  const classStart = new Int32Array(namespaces.length + 1);
  for (let c = 0; c < C; c++) {
    const n = classNamespace[c] ?? 0;
    if (c > 0 && n < (classNamespace[c - 1] ?? 0)) throw new Error('pod classes out of order');
    classStart[n + 1] = c + 1;
  }
  for (let n = 1; n <= namespaces.length; n++) {
    classStart[n] = Math.max(classStart[n] ?? 0, classStart[n - 1] ?? 0);
  }

  // Label indexes: one per namespace over its classes (a pod selector without a namespace
  // selector looks in one namespace only), one over all classes, one over namespaces; built
  // when first needed.
  const localIndexes = new Map<number, LabelIndex>();
  const localIndex = (n: number): LabelIndex => {
    let index = localIndexes.get(n);
    if (index === undefined) {
      index = new LabelIndex(classLabels.slice(classStart[n], classStart[n + 1]));
      localIndexes.set(n, index);
    }
    return index;
  };
  let globalIndex: LabelIndex | undefined;
  const namespaceLabels = new LabelIndex(namespaces.map((ns) => ns.labels));

  /** ORs the classes of namespaces `list` matching `selector` (all when absent) into `words`. */
  const selectClasses = (
    list: readonly number[],
    namespaceSet: Bitset,
    selector: LabelSelector | undefined,
    words: Uint32Array,
  ): void => {
    if (selector === undefined) {
      for (const n of list) setRange(words, classStart[n] ?? 0, classStart[n + 1] ?? 0);
      return;
    }
    if (list.length <= 16) {
      for (const n of list) {
        const offset = classStart[n] ?? 0;
        localIndex(n)
          .select(selector)
          .forEach((i) => {
            const c = offset + i;
            words[c >>> 5] = (words[c >>> 5] as number) | (1 << (c & 31));
          });
      }
      return;
    }
    globalIndex ??= new LabelIndex(classLabels);
    const selected = globalIndex.select(selector);
    const all = list.length === namespaces.length;
    const sw = selected.words;
    if (!all) {
      const mask = new Uint32Array(sw.length);
      for (const n of namespaceSet) setRange(mask, classStart[n] ?? 0, classStart[n + 1] ?? 0);
      for (let i = 0; i < sw.length; i++)
        words[i] = (words[i] as number) | ((sw[i] as number) & (mask[i] as number));
    } else {
      for (let i = 0; i < sw.length; i++) words[i] = (words[i] as number) | (sw[i] as number);
    }
  };

  // Per IP atom, the classes with an address in it; per class, its atoms.
  const classesInAtom = new Map<number, number[]>();
  const atomsOfClass: (readonly number[])[] = [];
  for (let c = 0; c < C; c++) {
    const atoms = [...new Set(podAtoms(classes.representative[c] ?? 0))];
    atomsOfClass.push(atoms);
    for (const atom of atoms) {
      const list = classesInAtom.get(atom) ?? [];
      list.push(c);
      classesInAtom.set(atom, list);
    }
  }

  // Peers, deduplicated by what they match.
  const peerMatches = new Map<string, PeerMatch>();
  const namespaceSelections = new Map<string, { list: number[]; set: Bitset }>();
  const peerKey = (policy: PolicyIR, peer: PeerIR): string => {
    if (peer.kind === 'ipBlock') return `b${ipBlockKey(peer)}`;
    const ns =
      peer.namespaceSelector === undefined
        ? `n${policy.namespace}`
        : `s${selectorKey(peer.namespaceSelector)}`;
    return `p${ns}|${peer.podSelector === undefined ? '*' : selectorKey(peer.podSelector)}`;
  };
  const peerMatch = (policy: PolicyIR, peer: PeerIR, key: string): PeerMatch => {
    let match = peerMatches.get(key);
    if (match !== undefined) return match;
    if (peer.kind === 'ipBlock') {
      // An ipBlock matches the addresses of its CIDR minus `except`: every atom inside it, and
      // the pods whose IPs fall in those atoms (when ipBlocks match pods).
      const atomList = ipAtoms.atomsOf(blockSets.get(ipBlockKey(peer)) ?? IpSet.EMPTY);
      match = { kind: 'ipBlock', atoms: Bitset.fromIndices(A, atomList), atomList };
    } else {
      // namespaceSelector picks namespaces; without it, the policy's own namespace. Both
      // selectors in one peer are ANDed.
      let selection: { list: number[]; set: Bitset };
      if (peer.namespaceSelector === undefined) {
        const n = namespaceIndex.get(policy.namespace);
        const list = n === undefined ? [] : [n];
        selection = { list, set: Bitset.fromIndices(namespaces.length, list) };
      } else {
        const nsKey = selectorKey(peer.namespaceSelector);
        const cached = namespaceSelections.get(nsKey);
        if (cached === undefined) {
          const set = namespaceLabels.select(peer.namespaceSelector);
          selection = { list: set.toArray(), set };
          namespaceSelections.set(nsKey, selection);
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
    peerMatches.set(key, match);
    return match;
  };

  // Terms: a rule's peers (deduplicated by what they match), optionally narrowed.
  const terms: Term[] = [];
  const termIds = new Map<string, number>();
  const termOf = (key: string, make: () => Term): number => {
    let id = termIds.get(key);
    if (id === undefined) {
      id = terms.length;
      terms.push(make());
      termIds.set(key, id);
    }
    return id;
  };
  const ruleTermKey = new Map<RuleIR, string>();
  const ruleTermId = new Map<RuleIR, number>();
  const ruleTerm = (policy: PolicyIR, rule: RuleIR): number => {
    let id = ruleTermId.get(rule);
    if (id !== undefined) return id;
    const peers = rule.peers;
    if (peers === 'all') {
      ruleTermKey.set(rule, '*');
      id = termOf('*', () => ({ peers: 'all', restrict: undefined }));
    } else {
      const keys = peers.map((peer) => peerKey(policy, peer));
      const key = [...new Set(keys)].sort().join('\n');
      ruleTermKey.set(rule, key);
      id = termOf(key, () => ({
        peers: peers.map((peer, i) => peerMatch(policy, peer, keys[i] ?? '')),
        restrict: undefined,
      }));
    }
    ruleTermId.set(rule, id);
    return id;
  };

  const termHas = (t: number, x: number): boolean => {
    const term = terms[t] as Term;
    if (term.restrict !== undefined && !(x < C && term.restrict.has(x))) return false;
    if (term.peers === 'all') return true;
    for (const peer of term.peers) {
      if (peer.kind === 'pods') {
        // Selectors only ever match pods.
        if (
          x < C &&
          !nodeTraffic.has(x) &&
          peer.namespaceSet.has(classNamespace[x] ?? 0) &&
          (peer.matches === undefined || peer.matches(classLabels[x] as Labels))
        ) {
          return true;
        }
      } else if (x >= C) {
        if (peer.atoms.has(x - C)) return true;
      } else {
        for (const atom of atomsOfClass[x] ?? []) if (peer.atoms.has(atom)) return true;
      }
    }
    return false;
  };

  const termRows = new RowCache(ROW_CACHE_BUDGET);
  const termRow = (t: number): Bitset => {
    const cached = termRows.get(t);
    if (cached !== undefined) return cached;
    const term = terms[t] as Term;
    const row = new Bitset(width);
    if (term.peers === 'all') {
      row.fill();
    } else {
      for (const peer of term.peers) {
        if (peer.kind === 'pods') {
          if (nodeTraffic.isEmpty()) {
            selectClasses(peer.namespaces, peer.namespaceSet, peer.podSelector, row.words);
          } else {
            const picked = new Uint32Array(row.words.length);
            selectClasses(peer.namespaces, peer.namespaceSet, peer.podSelector, picked);
            dropNodeTraffic(picked);
            for (let i = 0; i < picked.length; i++) {
              row.words[i] = (row.words[i] as number) | (picked[i] as number);
            }
          }
        } else {
          for (const atom of peer.atomList) {
            row.add(C + atom);
            for (const c of classesInAtom.get(atom) ?? []) row.add(c);
          }
        }
      }
    }
    if (term.restrict !== undefined) {
      const words = row.words;
      const keep = term.restrict.words;
      for (let i = 0; i < words.length; i++) words[i] = (words[i] as number) & (keep[i] ?? 0);
    }
    termRows.set(t, row);
    return row;
  };

  const source: TermSource = {
    width,
    has: termHas,
    orInto: (t, target) => {
      target.or(termRow(t));
    },
  };

  // Named ports of an egress rule resolve on each destination: per used name and port class,
  // the destination classes where the name means a port of that class.
  const namedDestinations = new Map<string, Map<number, Bitset>>();
  for (const key of usedNamedPorts) namedDestinations.set(key, new Map());
  for (let c = 0; c < C; c++) {
    if (nodeTraffic.has(c)) continue;
    for (const port of repOf(c).ports) {
      if (port.name === undefined) continue;
      const byClass = namedDestinations.get(namedPortKey(port.name, port.protocol));
      if (!byClass) continue;
      const k = ports.classOf(port.protocol, port.containerPort);
      let mask = byClass.get(k);
      if (!mask) {
        mask = new Bitset(C);
        byClass.set(k, mask);
      }
      mask.add(c);
    }
  }

  // Port masks per rule: numeric and protocol-only entries; named entries resolve later.
  const numericMask = new Map<RuleIR, Bitset>();
  const namedEntries = new Map<RuleIR, (PortIR & { kind: 'named' })[]>();
  for (const rule of allRules(policies)) {
    numericMask.set(rule, rule.ports === 'all' ? ports.all : ports.maskOf(rule.ports));
    const named = rule.ports === 'all' ? [] : rule.ports.filter((p) => p.kind === 'named');
    if (named.length > 0) namedEntries.set(rule, named);
  }

  // Classes selected by the same policies behave alike: a trie over policy indexes, walked in
  // policy order, puts each class at the node of the policies selecting it (node 0: none).
  interface Trie {
    readonly parent: number[];
    readonly policy: number[];
    readonly nodeOf: Int32Array;
  }
  const newTrie = (): Trie => ({ parent: [0], policy: [-1], nodeOf: new Int32Array(C) });
  const ingressTrie = newTrie();
  const egressTrie = newTrie();
  const step = new Map<number, number>();
  const advance = (trie: Trie, p: number, selected: readonly number[]): void => {
    step.clear();
    for (const c of selected) {
      const from = trie.nodeOf[c] ?? 0;
      let to = step.get(from);
      if (to === undefined) {
        to = trie.parent.length;
        trie.parent.push(from);
        trie.policy.push(p);
        step.set(from, to);
      }
      trie.nodeOf[c] = to;
    }
  };
  const selectedWords = new Uint32Array(wordsFor(C));
  policies.forEach((policy, p) => {
    if (!policy.affectsIngress && !policy.affectsEgress) return;
    const n = namespaceIndex.get(policy.namespace);
    if (n === undefined) return;
    // A policy selects pods of its own namespace only.
    selectedWords.fill(0);
    selectClasses(
      [n],
      Bitset.fromIndices(namespaces.length, [n]),
      policy.podSelector,
      selectedWords,
    );
    dropNodeTraffic(selectedWords);
    const selected = new Bitset(C, selectedWords).toArray();
    if (selected.length === 0) return;
    // A pod selected by a policy of a direction is isolated in that direction; what it may do
    // is then the union of the rules of every policy selecting it.
    if (policy.affectsIngress) advance(ingressTrie, p, selected);
    if (policy.affectsEgress) advance(egressTrie, p, selected);
  });

  // Allowed sets, deduplicated across groups, port classes and directions; set 0 is empty.
  const setIds = new Map<string, number>([['', 0]]);
  const setTerms: number[][] = [[]];
  const setOfTerms = (list: number[]): number => {
    if (list.length === 0) return 0;
    list.sort((a, b) => a - b);
    let unique = list;
    for (let i = 1; i < list.length; i++) {
      if (list[i] === list[i - 1]) {
        unique = [...new Set(list)];
        break;
      }
    }
    const key = unique.join(',');
    let id = setIds.get(key);
    if (id === undefined) {
      id = setTerms.length;
      setTerms.push(unique);
      setIds.set(key, id);
    }
    return id;
  };

  const namedTerm = (policy: PolicyIR, rule: RuleIR, name: string, k: number, mask: Bitset) => {
    const base = ruleTerm(policy, rule);
    return termOf(`${ruleTermKey.get(rule)}#${name}#${k}`, () => ({
      peers: (terms[base] as Term).peers,
      restrict: mask,
    }));
  };

  const buildDirection = (direction: 'ingress' | 'egress', trie: Trie): DirectionRules => {
    const isolated = new Bitset(C);
    const groupOf = new Int32Array(C).fill(-1);
    const groupKeys = new Map<string, number>();
    const groupNode: number[] = [];
    const groupRep: number[] = [];
    // Ingress named ports resolve on the selected pod itself, so classes of one node that
    // resolve a used name differently get separate groups.
    const nodeHasNamed = new Map<number, boolean>();
    const hasNamed = (node: number): boolean => {
      if (direction === 'egress' || namedEntries.size === 0) return false;
      let answer = nodeHasNamed.get(node);
      if (answer === undefined) {
        answer = false;
        for (let at = node; at !== 0 && !answer; at = trie.parent[at] ?? 0) {
          const policy = policies[trie.policy[at] ?? 0] as PolicyIR;
          answer = policy.ingress.some((rule) => namedEntries.has(rule));
        }
        nodeHasNamed.set(node, answer);
      }
      return answer;
    };
    for (let c = 0; c < C; c++) {
      const node = trie.nodeOf[c] ?? 0;
      if (node === 0) continue;
      isolated.add(c);
      let key = String(node);
      if (hasNamed(node)) {
        const named: string[] = [];
        for (const port of repOf(c).ports) {
          if (
            port.name !== undefined &&
            usedNamedPorts.has(namedPortKey(port.name, port.protocol))
          ) {
            named.push(`${namedPortKey(port.name, port.protocol)}=${port.containerPort}`);
          }
        }
        key += `|${named.sort().join(',')}`;
      }
      let g = groupKeys.get(key);
      if (g === undefined) {
        g = groupNode.length;
        groupKeys.set(key, g);
        groupNode.push(node);
        groupRep.push(c);
      }
      groupOf[c] = g;
    }

    const G = groupNode.length;
    const perK: number[][] = Array.from({ length: K }, () => []);
    const touched: number[] = [];
    const runOffset = new Int32Array(G + 1);
    const runK: number[] = [];
    const runSet: number[] = [];
    const push = (k: number, t: number): void => {
      const list = perK[k];
      if (list === undefined) return;
      if (list.length === 0) touched.push(k);
      list.push(t);
    };
    for (let g = 0; g < G; g++) {
      const rep = repOf(groupRep[g] ?? 0);
      for (let at = groupNode[g] ?? 0; at !== 0; at = trie.parent[at] ?? 0) {
        const policy = policies[trie.policy[at] ?? 0] as PolicyIR;
        for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
          const t = ruleTerm(policy, rule);
          let mask = numericMask.get(rule) ?? ports.all;
          const named = namedEntries.get(rule);
          if (named !== undefined && direction === 'ingress') {
            // Named ports of an ingress rule resolve on the destination: the selected pod.
            mask = mask.clone();
            for (const entry of named) {
              for (const port of rep.ports) {
                if (port.name === entry.name && port.protocol === entry.protocol) {
                  mask.add(ports.classOf(port.protocol, port.containerPort));
                }
              }
            }
          }
          mask.forEach((k) => {
            push(k, t);
          });
          if (named !== undefined && direction === 'egress') {
            // Named ports of an egress rule resolve on each destination pod; addresses have
            // none, so the term keeps only the classes where the name means port class k.
            for (const entry of named) {
              const key = namedPortKey(entry.name, entry.protocol);
              for (const [k, destinations] of namedDestinations.get(key) ?? []) {
                push(k, namedTerm(policy, rule, key, k, destinations));
              }
            }
          }
        }
      }
      // Runs over the port classes some rule touched; neighbouring classes often get the same
      // terms, which then need no lookup.
      touched.sort((x, y) => x - y);
      let previousK = -2;
      let previousList: number[] = [];
      let previousSet = 0;
      for (const k of touched) {
        const list = perK[k] ?? [];
        const adjacent = k === previousK + 1;
        if (!adjacent && previousSet !== 0) {
          runK.push(previousK + 1);
          runSet.push(0);
          previousSet = 0;
        }
        const set =
          adjacent && sameList(list, previousList) ? previousSet : setOfTerms(list.slice());
        if (set !== previousSet) {
          runK.push(k);
          runSet.push(set);
        }
        previousK = k;
        previousList = list;
        previousSet = set;
      }
      if (previousSet !== 0 && previousK + 1 < K) {
        runK.push(previousK + 1);
        runSet.push(0);
      }
      for (const k of touched) (perK[k] as number[]).length = 0;
      touched.length = 0;
      runOffset[g + 1] = runK.length;
    }
    const ks = Int32Array.from(runK);
    const sets = Int32Array.from(runSet);
    const fromRuns = (g: number, k: number): number => {
      // The last run of group g starting at or before k; before the first run, nothing.
      let lo = runOffset[g] ?? 0;
      let hi = (runOffset[g + 1] ?? 0) - 1;
      let found = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if ((ks[mid] as number) <= k) {
          found = sets[mid] as number;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found;
    };
    if (G * K <= denseSetTable) {
      const table = new Int32Array(G * K);
      for (let g = 0; g < G; g++) {
        for (let r = runOffset[g] ?? 0; r < (runOffset[g + 1] ?? 0); r++) {
          const end = r + 1 < (runOffset[g + 1] ?? 0) ? (ks[r + 1] as number) : K;
          table.fill(sets[r] as number, g * K + (ks[r] as number), g * K + end);
        }
      }
      return {
        isolated,
        groupOf,
        groupCount: G,
        setAt: (g, k) => table[g * K + k] ?? 0,
        byteLength: table.byteLength,
      };
    }
    return {
      isolated,
      groupOf,
      groupCount: G,
      setAt: fromRuns,
      byteLength: runOffset.byteLength + ks.byteLength + sets.byteLength,
    };
  };

  const ingress = buildDirection('ingress', ingressTrie);
  const egress = buildDirection('egress', egressTrie);

  const start = new Int32Array(setTerms.length + 1);
  for (let s = 0; s < setTerms.length; s++)
    start[s + 1] = (start[s] ?? 0) + (setTerms[s]?.length ?? 0);
  const flat = new Int32Array(start[setTerms.length] ?? 0);
  setTerms.forEach((list, s) => {
    flat.set(list, start[s] ?? 0);
  });
  const rows = new AllowedRows(source, start, flat, rowBudget);

  return {
    options,
    cluster,
    pods,
    podIndex,
    namespaces,
    namespaceOfPod,
    policies,
    classes,
    ipAtoms,
    ports,
    width,
    rows,
    ingress,
    egress,
  };
}
