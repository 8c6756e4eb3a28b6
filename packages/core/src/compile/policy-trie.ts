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
  readonly parent: Int32Array;
  /** The policy index that leads to each node from its parent (-1 at the root). */
  readonly policy: Int32Array;
  /** The node of each class. */
  readonly nodeOf: Int32Array;
}

/** The policy tries of both directions. */
export interface PolicyTries {
  readonly ingress: PolicyTrie;
  readonly egress: PolicyTrie;
}

/**
 * A trie while it grows. Classes sit in slots, one per trie node that holds classes right now;
 * a step moves some classes of a slot to a new child node: the whole slot when every class in it
 * moves, otherwise a new slot. A trie gets a node per slot touched per step (millions on a big
 * cluster), but there are never more slots than classes, so the bookkeeping of a step is in
 * arrays of the class count, which stay in cache, instead of arrays over every node.
 */
/** A copy of `from` in twice the room. */
function doubled(from: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const to = new Int32Array(from.length * 2);
  to.set(from);
  return to;
}

class GrowingTrie {
  private parent = new Int32Array(1024);
  private policy = new Int32Array(1024);
  private nodes = 1;
  /** The slot of each class. */
  private readonly slotOf: Int32Array;
  /** The trie node of each slot, its size, and per step the classes selected from it. */
  private readonly slotNode: Int32Array;
  private readonly slotSize: Int32Array;
  private readonly selectedIn: Int32Array;
  /** The last step that touched a slot, and where its selected classes went. */
  private readonly stepOf: Int32Array;
  private readonly movedTo: Int32Array;
  private slots = 1;
  private step = 0;

  constructor(classCount: number) {
    this.policy[0] = -1;
    this.slotOf = new Int32Array(classCount);
    this.slotNode = new Int32Array(classCount + 1);
    this.slotSize = new Int32Array(classCount + 1);
    this.slotSize[0] = classCount;
    this.selectedIn = new Int32Array(classCount + 1);
    this.stepOf = new Int32Array(classCount + 1).fill(-1);
    this.movedTo = new Int32Array(classCount + 1);
  }

  /** Moves the selected classes (the set bits of `selected`, over the classes) along policy `p`. */
  advance(p: number, selected: Uint32Array): void {
    const step = ++this.step;
    const { slotOf, slotNode, slotSize, selectedIn, stepOf, movedTo } = this;
    for (let w = 0; w < selected.length; w++) {
      let bits = selected[w] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        const c = (w << 5) | (31 - Math.clz32(low));
        bits ^= low;
        const s = slotOf[c] as number;
        if (stepOf[s] !== step) {
          stepOf[s] = step;
          selectedIn[s] = 0;
          movedTo[s] = -1;
        }
        selectedIn[s] = (selectedIn[s] as number) + 1;
      }
    }
    for (let w = 0; w < selected.length; w++) {
      let bits = selected[w] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        const c = (w << 5) | (31 - Math.clz32(low));
        bits ^= low;
        const s = slotOf[c] as number;
        let to = movedTo[s] as number;
        if (to < 0) {
          const node = this.addNode(slotNode[s] as number, p);
          if (selectedIn[s] === slotSize[s]) {
            to = s;
          } else {
            to = this.slots++;
            slotSize[s] = (slotSize[s] as number) - (selectedIn[s] as number);
            slotSize[to] = selectedIn[s] as number;
          }
          slotNode[to] = node;
          movedTo[s] = to;
        }
        slotOf[c] = to;
      }
    }
  }

  private addNode(parent: number, p: number): number {
    const node = this.nodes++;
    if (node === this.parent.length) {
      this.parent = doubled(this.parent);
      this.policy = doubled(this.policy);
    }
    this.parent[node] = parent;
    this.policy[node] = p;
    return node;
  }

  done(): PolicyTrie {
    const nodeOf = new Int32Array(this.slotOf.length);
    for (let c = 0; c < nodeOf.length; c++) {
      nodeOf[c] = this.slotNode[this.slotOf[c] as number] as number;
    }
    return {
      parent: this.parent.slice(0, this.nodes),
      policy: this.policy.slice(0, this.nodes),
      nodeOf,
    };
  }
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
  const ingress = new GrowingTrie(C);
  const egress = new GrowingTrie(C);
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
    if (selectedWords.every((word) => word === 0)) return;
    // A pod selected by a policy of a direction is isolated in that direction; what it may do
    // is then the union of the rules of every policy selecting it.
    if (policy.affectsIngress) ingress.advance(p, selectedWords);
    if (policy.affectsEgress) egress.advance(p, selectedWords);
  });
  return { ingress: ingress.done(), egress: egress.done() };
}
