import { Bitset, clearWords, orWords, setRange } from '../bitset/index.js';
import type { LabelSelector, Labels } from '../model/index.js';
import { LabelIndex } from '../select/index.js';
import type { PodClasses } from './pod-classes.js';
import type { PodTable } from './pod-table.js';

/**
 * The class selection stage: which pod classes a selector picks, in which namespaces. Classes
 * are numbered in pod order and pods are sorted by namespace, so the classes of namespace `n`
 * are the contiguous range `classStart[n] .. classStart[n + 1]`.
 */
export class ClassSelection {
  readonly count: number;
  /** The labels of each class (its representative's). */
  readonly classLabels: readonly Labels[];
  /** Namespace index of each class. */
  readonly classNamespace: Int32Array;
  readonly classStart: Int32Array;
  /** Classes that are node traffic: no selector ever picks them. */
  readonly nodeTraffic: Bitset;
  readonly namespaceCount: number;
  private readonly namespaceLabels: LabelIndex;
  private readonly localIndexes = new Map<number, LabelIndex>();
  private globalIndex: LabelIndex | undefined;

  /**
   * @param table - the pod table the classes were grouped from
   * @param classes - the pod classes
   * @throws Error when the classes are not in namespace order (a bug in the stages before)
   */
  constructor(table: PodTable, classes: PodClasses) {
    const C = classes.count;
    const rep = (c: number): number => classes.representative[c] ?? 0;
    this.count = C;
    this.classLabels = Array.from({ length: C }, (_, c) => table.pods[rep(c)]?.labels ?? new Map());
    this.classNamespace = Int32Array.from(
      { length: C },
      (_, c) => table.namespaceOfPod[rep(c)] ?? 0,
    );
    this.namespaceCount = table.namespaces.length;
    const classStart = new Int32Array(this.namespaceCount + 1);
    for (let c = 0; c < C; c++) {
      const n = this.classNamespace[c] ?? 0;
      if (c > 0 && n < (this.classNamespace[c - 1] ?? 0))
        throw new Error('pod classes out of order');
      classStart[n + 1] = c + 1;
    }
    for (let n = 1; n <= this.namespaceCount; n++) {
      classStart[n] = Math.max(classStart[n] ?? 0, classStart[n - 1] ?? 0);
    }
    this.classStart = classStart;
    this.nodeTraffic = Bitset.fromIndices(
      C,
      Array.from({ length: C }, (_, c) => c).filter((c) => table.nodeTraffic[rep(c)] === 1),
    );
    this.namespaceLabels = new LabelIndex(table.namespaces.map((ns) => ns.labels));
  }

  /** The namespaces a namespace selector picks, by namespace label. */
  selectNamespaces(selector: LabelSelector): Bitset {
    return this.namespaceLabels.select(selector);
  }

  /**
   * ORs into `words` the classes of the namespaces `list` (also given as `namespaceSet`) that
   * `selector` matches (all of them when absent), node-traffic classes included; see
   * {@link ClassSelection.selectPodsInto} for what a selector of a policy picks.
   */
  selectInto(
    list: readonly number[],
    namespaceSet: Bitset,
    selector: LabelSelector | undefined,
    words: Uint32Array,
  ): void {
    const classStart = this.classStart;
    if (selector === undefined) {
      for (const n of list) setRange(words, classStart[n] ?? 0, classStart[n + 1] ?? 0);
      return;
    }
    // A pod selector without a namespace selector looks in one namespace only: an index per
    // namespace over its classes answers it; many namespaces go through one index over all.
    if (list.length <= 16) {
      for (const n of list) {
        const offset = classStart[n] ?? 0;
        this.localIndex(n)
          .select(selector)
          .forEach((i) => {
            const c = offset + i;
            words[c >>> 5] = (words[c >>> 5] as number) | (1 << (c & 31));
          });
      }
      return;
    }
    this.globalIndex ??= new LabelIndex(this.classLabels);
    const selected = this.globalIndex.select(selector);
    if (list.length === this.namespaceCount) {
      orWords(words, selected.words);
      return;
    }
    const mask = new Uint32Array(selected.words.length);
    for (const n of namespaceSet) setRange(mask, classStart[n] ?? 0, classStart[n + 1] ?? 0);
    orWords(words, selected.words, mask);
  }

  /**
   * ORs into `words` the classes a selector of a policy picks: as {@link selectInto}, but
   * selectors only ever match pods, so node-traffic classes are left out.
   */
  selectPodsInto(
    list: readonly number[],
    namespaceSet: Bitset,
    selector: LabelSelector | undefined,
    words: Uint32Array,
  ): void {
    if (this.nodeTraffic.isEmpty()) {
      this.selectInto(list, namespaceSet, selector, words);
      return;
    }
    const picked = new Uint32Array(words.length);
    this.selectInto(list, namespaceSet, selector, picked);
    clearWords(picked, this.nodeTraffic.words);
    orWords(words, picked);
  }

  /** Whether a selector of a peer over `namespaceSet` with matcher `matches` picks class `c`. */
  picks(
    c: number,
    namespaceSet: Bitset,
    matches: ((labels: Labels) => boolean) | undefined,
  ): boolean {
    return (
      c < this.count &&
      !this.nodeTraffic.has(c) &&
      namespaceSet.has(this.classNamespace[c] ?? 0) &&
      (matches === undefined || matches(this.classLabels[c] as Labels))
    );
  }

  private localIndex(n: number): LabelIndex {
    let index = this.localIndexes.get(n);
    if (index === undefined) {
      index = new LabelIndex(
        this.classLabels.slice(this.classStart[n] ?? 0, this.classStart[n + 1] ?? 0),
      );
      this.localIndexes.set(n, index);
    }
    return index;
  }
}
