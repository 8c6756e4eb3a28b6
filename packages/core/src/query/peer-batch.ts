import { wordsFor } from '../bitset/index.js';
import type { CompiledCluster, DirectionRules } from '../compile/index.js';

// `Engine.peerConnections` in one batch: the answer of every (other, subject target, port class)
// triple depends only on the two columns (pod class, or IP atom), so it is computed per port
// class as one row over all columns, combined over the subject's targets with word operations,
// and read once per distinct column of the others. `who-can-reach external` on a cluster with
// thousands of address ranges asked pods x ranges x port classes questions one by one before.

/** An endpoint as the batch sees it: a pod class (`column < C`) or an IP atom (`C + atom`). */
export interface PeerColumn {
  readonly kind: 'pod' | 'address';
  readonly column: number;
}

/** Which side of the question the subject is on, and how its targets' answers combine. */
export interface PeerQuestion {
  /** `to`: the others are sources and the subject's targets destinations; `from`: reversed. */
  readonly direction: 'to' | 'from';
  /** `all`: a port class must be allowed with every target; `any`: with some target. */
  readonly combine: 'all' | 'any';
}

/**
 * Per distinct column of `others`, the port classes allowed between it and the subject's
 * targets, combined as asked: `masks[i * KW .. (i + 1) * KW)` is the mask of `columns[i]`, with
 * `KW = wordsFor(K)`. The self rule (a Pod object always reaches itself) is the caller's: this
 * answers by columns only. `subject` must not be empty.
 */
export function peerPortMasks(
  c: CompiledCluster,
  subject: readonly PeerColumn[],
  others: readonly PeerColumn[],
  question: PeerQuestion,
): { readonly columns: readonly number[]; readonly masks: Uint32Array } {
  const C = c.classes.count;
  const K = c.ports.count;
  const KW = wordsFor(K);
  const words = wordsFor(c.width);
  const all = question.combine === 'all';
  // The subject's side is its own policies (ingress when it is the destination); the others'
  // side is theirs.
  const own = question.direction === 'to' ? c.ingress : c.egress;
  const far = question.direction === 'to' ? c.egress : c.ingress;

  const classes = [...new Set(subject.filter((s) => s.kind === 'pod').map((s) => s.column))];
  const atoms = [...new Set(subject.filter((s) => s.kind === 'address').map((s) => s.column))];
  const columns = [...new Set(others.map((o) => o.column))];
  const masks = new Uint32Array(columns.length * KW);

  // Which sets hold a subject class's column: the far side of each class admits it or not,
  // whatever the port class, so this is asked once per subject class.
  const hits = classes.map((t) => c.rows.setsContaining(t));
  const atomCover = atoms.length > 0 ? new AtomCover(c, atoms, all) : undefined;

  const acc = new Uint32Array(words);
  const row = new Uint32Array(words);
  for (let k = 0; k < K; k++) {
    acc.fill(all ? 0xffffffff : 0);
    for (const [i, t] of classes.entries()) {
      ownRow(c, own, t, k, row);
      // A pod source reaches the subject class only when its own egress admits it (for `from`,
      // a destination's ingress): classes whose far group does not admit t are dropped.
      dropClasses(row, C, far, (g) => (hits[i] as Uint8Array)[far.setAt(g, k)] === 1);
      combineInto(acc, row, all);
    }
    if (atomCover !== undefined) {
      // An address has no policies: every address column is allowed with it, and a class is
      // allowed when its far side admits the subject's addresses (every one, or some one).
      row.fill(0xffffffff);
      dropClasses(row, C, far, (g) => atomCover.admits(far.setAt(g, k)));
      combineInto(acc, row, all);
    }
    const bit = 1 << (k & 31);
    const w = k >>> 5;
    for (const [i, col] of columns.entries()) {
      if ((((acc[col >>> 5] as number) >>> (col & 31)) & 1) === 1) {
        masks[i * KW + w] = (masks[i * KW + w] as number) | bit;
      }
    }
  }
  return { columns, masks };
}

/**
 * The columns the subject class t's own side allows on port class k, into `row`: its set's
 * row when some policy of that direction selects it, else every column (not isolated).
 */
function ownRow(
  c: CompiledCluster,
  own: DirectionRules,
  t: number,
  k: number,
  row: Uint32Array,
): void {
  const g = own.groupOf[t] ?? -1;
  if (g < 0) row.fill(0xffffffff);
  else row.set(c.rows.row(own.setAt(g, k)).words);
}

/** Clears the classes (columns below C) whose far-side group exists and does not admit. */
function dropClasses(
  row: Uint32Array,
  C: number,
  far: DirectionRules,
  admits: (group: number) => boolean,
): void {
  const verdict = new Int8Array(far.groupCount).fill(-1);
  const { groupOf } = far;
  for (let w = 0; w << 5 < C; w++) {
    const base = w << 5;
    const end = Math.min(32, C - base);
    let drop = 0;
    for (let b = 0; b < end; b++) {
      const g = groupOf[base + b] ?? -1;
      if (g < 0) continue;
      let v = verdict[g] as number;
      if (v < 0) {
        v = admits(g) ? 1 : 0;
        verdict[g] = v;
      }
      if (v === 0) drop |= 1 << b;
    }
    if (drop !== 0) row[w] = (row[w] as number) & ~drop;
  }
}

function combineInto(acc: Uint32Array, row: Uint32Array, all: boolean): void {
  if (all) for (let w = 0; w < acc.length; w++) acc[w] = (acc[w] as number) & (row[w] as number);
  else for (let w = 0; w < acc.length; w++) acc[w] = (acc[w] as number) | (row[w] as number);
}

/**
 * Whether an allowed set admits the subject's address columns: all of them (`all`) or one of
 * them (`any`), by word operations on the set's row; remembered per set, since many groups and
 * port classes share sets.
 */
class AtomCover {
  private readonly mask: Uint32Array;
  private readonly from: number;
  private readonly verdict: Int8Array;

  constructor(
    private readonly c: CompiledCluster,
    columns: readonly number[],
    private readonly all: boolean,
  ) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = 0;
    for (const col of columns) {
      lo = Math.min(lo, col >>> 5);
      hi = Math.max(hi, col >>> 5);
    }
    this.from = lo;
    this.mask = new Uint32Array(hi - lo + 1);
    for (const col of columns) {
      const w = (col >>> 5) - lo;
      this.mask[w] = (this.mask[w] as number) | (1 << (col & 31));
    }
    this.verdict = new Int8Array(c.rows.count).fill(-1);
  }

  admits(set: number): boolean {
    let v = this.verdict[set] as number;
    if (v < 0) {
      v = this.compute(set) ? 1 : 0;
      this.verdict[set] = v;
    }
    return v === 1;
  }

  private compute(set: number): boolean {
    if (set === 0) return false;
    const words = this.c.rows.row(set).words;
    const { mask, from } = this;
    for (let w = 0; w < mask.length; w++) {
      const m = mask[w] as number;
      const have = ((words[from + w] as number) & m) >>> 0;
      if (this.all ? have !== m : have !== 0) return !this.all;
    }
    return this.all;
  }
}
