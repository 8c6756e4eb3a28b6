import { Bitset, wordsFor } from '../bitset/index.js';
import type { ClassSelection } from './class-selection.js';
import type { PolicyIR } from './policy-ir.js';

/**
 * The policy trie of one direction. Classes selected by the same policies behave alike: a trie
 * over policy indexes, walked in policy order, puts each class at the node of the policies
 * selecting it (node 0: none). Walking a node's parents lists those policies, last first.
 */
export interface PolicyTrie {
  /** The parent of each node (node 0 is the root and its own parent). */
  readonly parent: readonly number[];
  /** The policy index that leads to each node from its parent (-1 at the root). */
  readonly policy: readonly number[];
  /** The node of each class. */
  readonly nodeOf: Int32Array;
}

/** The policy tries of both directions. */
export interface PolicyTries {
  readonly ingress: PolicyTrie;
  readonly egress: PolicyTrie;
}

interface GrowingTrie {
  readonly parent: number[];
  readonly policy: number[];
  readonly nodeOf: Int32Array;
  /**
   * Per node, the last step (a counter) that left it and the child it led to: a class moving
   * from a node already stepped from in this step joins that child. Arrays rather than a map,
   * since a big cluster's trie has millions of nodes.
   */
  readonly stepOf: number[];
  readonly childOf: number[];
}

/**
 * Builds the trie of each direction from the classes each policy selects.
 * @param policies - the normalized policies, in engine order
 * @param namespaceIndex - namespace name to index
 * @param selection - class selection over the pod classes
 */
export function buildPolicyTries(
  policies: readonly PolicyIR[],
  namespaceIndex: ReadonlyMap<string, number>,
  selection: ClassSelection,
): PolicyTries {
  const C = selection.count;
  const newTrie = (): GrowingTrie => ({
    parent: [0],
    policy: [-1],
    nodeOf: new Int32Array(C),
    stepOf: [-1],
    childOf: [0],
  });
  const ingress = newTrie();
  const egress = newTrie();
  let step = 0;
  const advance = (trie: GrowingTrie, p: number, selected: readonly number[]): void => {
    step++;
    const { parent, policy, nodeOf, stepOf, childOf } = trie;
    for (const c of selected) {
      const from = nodeOf[c] ?? 0;
      let to: number;
      if (stepOf[from] === step) {
        to = childOf[from] ?? 0;
      } else {
        to = parent.length;
        parent.push(from);
        policy.push(p);
        stepOf.push(-1);
        childOf.push(0);
        stepOf[from] = step;
        childOf[from] = to;
      }
      nodeOf[c] = to;
    }
  };
  const selectedWords = new Uint32Array(wordsFor(C));
  policies.forEach((policy, p) => {
    if (!policy.affectsIngress && !policy.affectsEgress) return;
    const n = namespaceIndex.get(policy.namespace);
    if (n === undefined) return;
    // A policy selects pods of its own namespace only, and never node traffic.
    selectedWords.fill(0);
    selection.selectPodsInto(
      [n],
      Bitset.fromIndices(selection.namespaceCount, [n]),
      policy.podSelector,
      selectedWords,
    );
    const selected = new Bitset(C, selectedWords).toArray();
    if (selected.length === 0) return;
    // A pod selected by a policy of a direction is isolated in that direction; what it may do
    // is then the union of the rules of every policy selecting it.
    if (policy.affectsIngress) advance(ingress, p, selected);
    if (policy.affectsEgress) advance(egress, p, selected);
  });
  const done = (trie: GrowingTrie): PolicyTrie => ({
    parent: trie.parent,
    policy: trie.policy,
    nodeOf: trie.nodeOf,
  });
  return { ingress: done(ingress), egress: done(egress) };
}
