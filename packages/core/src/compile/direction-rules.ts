import { Bitset } from '../bitset/index.js';
import type { Pod } from '../model/index.js';
import type { AllowedSetIds } from './allowed-rows.js';
import type { NamedPorts } from './named-ports.js';
import { namedPortResolution, resolveOnPod } from './named-ports.js';
import { namedPortKey } from './pod-classes.js';
import type { PolicyIR, RuleIR } from './policy-ir.js';
import type { PolicyTrie } from './policy-trie.js';
import type { PortClasses } from './port-classes.js';
import type { RuleTerms } from './rule-terms.js';

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
export const DENSE_SET_TABLE: number = 16 * 1024 * 1024;

/** What the direction tables are built from: the earlier stages' output. */
export interface DirectionInput {
  readonly policies: readonly PolicyIR[];
  /** The representative pod of each class. */
  readonly reps: readonly Pod[];
  readonly ports: PortClasses;
  readonly named: NamedPorts;
  /** Per used name, per port class, the destination classes where the name means it. */
  readonly namedDestinations: ReadonlyMap<string, ReadonlyMap<number, Bitset>>;
  /** The port classes of each rule's numeric and protocol-only entries. */
  readonly portMasks: ReadonlyMap<RuleIR, Bitset>;
  readonly terms: RuleTerms;
  /** Where the allowed sets of both directions are collected. */
  readonly sets: AllowedSetIds;
  /** Largest groups x port classes table kept dense. */
  readonly denseSetTable: number;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Groups the isolated classes of a direction: by trie node, and by named ports on ingress. */
function groupClasses(
  direction: 'ingress' | 'egress',
  trie: PolicyTrie,
  input: DirectionInput,
): { isolated: Bitset; groupOf: Int32Array; groupNode: number[]; groupRep: number[] } {
  const { policies, reps, named } = input;
  const C = reps.length;
  const isolated = new Bitset(C);
  const groupOf = new Int32Array(C).fill(-1);
  const groupKeys = new Map<string, number>();
  const groupNode: number[] = [];
  const groupRep: number[] = [];
  // Ingress named ports resolve on the selected pod itself, so classes of one node that
  // resolve a used name differently get separate groups.
  const nodeHasNamed = new Map<number, boolean>();
  const hasNamed = (node: number): boolean => {
    if (direction === 'egress' || named.entriesOf.size === 0) return false;
    let answer = nodeHasNamed.get(node);
    if (answer === undefined) {
      answer = false;
      for (let at = node; at !== 0 && !answer; at = trie.parent[at] ?? 0) {
        const policy = policies[trie.policy[at] ?? 0] as PolicyIR;
        answer = policy.ingress.some((rule) => named.entriesOf.has(rule));
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
    if (hasNamed(node)) key += `|${namedPortResolution(reps[c] as Pod, named.used)}`;
    let g = groupKeys.get(key);
    if (g === undefined) {
      g = groupNode.length;
      groupKeys.set(key, g);
      groupNode.push(node);
      groupRep.push(c);
    }
    groupOf[c] = g;
  }
  return { isolated, groupOf, groupNode, groupRep };
}

/**
 * The direction tables stage: groups the isolated classes of a direction and gives each group,
 * per port class, the allowed set of the rules of every policy selecting it.
 * @param direction - which direction
 * @param trie - that direction's policy trie
 * @param input - the earlier stages' output
 */
export function buildDirectionRules(
  direction: 'ingress' | 'egress',
  trie: PolicyTrie,
  input: DirectionInput,
): DirectionRules {
  const { policies, reps, ports, named, terms, sets } = input;
  const K = ports.count;
  const { isolated, groupOf, groupNode, groupRep } = groupClasses(direction, trie, input);
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
  // What one policy's rules add, as (port class, term) pairs in the order they are met. It is
  // the same for every group the policy selects, except where an ingress rule's named ports
  // resolve on the selected pod; so it is worked out once per policy, not once per group.
  const contribute = (policy: PolicyIR, rep: Pod, out: (k: number, t: number) => void): void => {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      const t = terms.ruleTerm(policy, rule);
      let mask = input.portMasks.get(rule) ?? ports.all;
      const entries = named.entriesOf.get(rule);
      if (entries !== undefined && direction === 'ingress') {
        // Named ports of an ingress rule resolve on the destination: the selected pod.
        mask = mask.clone();
        resolveOnPod(entries, rep, ports, mask);
      }
      mask.forEach((k) => {
        out(k, t);
      });
      if (entries !== undefined && direction === 'egress') {
        // Named ports of an egress rule resolve on each destination pod; addresses have
        // none, so the term keeps only the classes where the name means port class k.
        for (const entry of entries) {
          const key = namedPortKey(entry.name, entry.protocol);
          for (const [k, destinations] of input.namedDestinations.get(key) ?? []) {
            out(k, terms.namedTerm(policy, rule, key, k, destinations));
          }
        }
      }
    }
  };
  const pairsOfPolicy: (Int32Array | null | undefined)[] = [];
  const pairsOf = (p: number, policy: PolicyIR): Int32Array | null => {
    let pairs = pairsOfPolicy[p];
    if (pairs === undefined) {
      const perPod =
        direction === 'ingress' && policy.ingress.some((rule) => named.entriesOf.has(rule));
      if (perPod) {
        pairs = null;
      } else {
        const list: number[] = [];
        contribute(policy, reps[0] as Pod, (k, t) => {
          list.push(k, t);
        });
        pairs = Int32Array.from(list);
      }
      pairsOfPolicy[p] = pairs;
    }
    return pairs;
  };
  for (let g = 0; g < G; g++) {
    const rep = reps[groupRep[g] ?? 0] as Pod;
    for (let at = groupNode[g] ?? 0; at !== 0; at = trie.parent[at] ?? 0) {
      const p = trie.policy[at] ?? 0;
      const policy = policies[p] as PolicyIR;
      const pairs = pairsOf(p, policy);
      if (pairs === null) {
        contribute(policy, rep, push);
      } else {
        for (let i = 0; i < pairs.length; i += 2) push(pairs[i] as number, pairs[i + 1] as number);
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
      const set = adjacent && sameList(list, previousList) ? previousSet : sets.idOf(list);
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
  return setTable(isolated, groupOf, G, K, runOffset, runK, runSet, input.denseSetTable);
}

/** The runs as a lookup: a dense table when small enough, else a search over the runs. */
function setTable(
  isolated: Bitset,
  groupOf: Int32Array,
  G: number,
  K: number,
  runOffset: Int32Array,
  runK: readonly number[],
  runSet: readonly number[],
  denseSetTable: number,
): DirectionRules {
  const ks = Int32Array.from(runK);
  const sets = Int32Array.from(runSet);
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
  return {
    isolated,
    groupOf,
    groupCount: G,
    setAt: fromRuns,
    byteLength: runOffset.byteLength + ks.byteLength + sets.byteLength,
  };
}
