import { Bitset } from '../bitset/index.js';
import type { LabelSelector, Labels } from '../model/index.js';

/**
 * Positions of the items carrying one key (or one key=value pair): a sorted posting list,
 * turned into a {@link Bitset} only when asked for. Labels such as `pod-template-hash` or
 * `statefulset.kubernetes.io/pod-name` take a distinct value on almost every pod; a bitset
 * per value would cost `values x items` bits (over a gigabyte at 10^5 pods), while postings
 * cost one entry per label.
 */
class Posting {
  readonly positions: number[] = [];
  bits: Bitset | undefined = undefined;
}

/**
 * An inverted index from label keys and key=value pairs to the items (pods or namespaces)
 * that carry them, so that a selector evaluates with word-parallel bitset operations instead
 * of a label-map check per item.
 *
 * Keys and values are interned in `Map`s (never plain objects), so keys such as `__proto__`
 * are ordinary keys.
 *
 * Ownership: {@link LabelIndex.withKey} and {@link LabelIndex.withValue} return cached,
 * shared bitsets (one shared empty bitset for unknown keys and values). Treat them as
 * read-only and `clone()` before mutating. {@link LabelIndex.select} returns a new bitset
 * the caller owns.
 */
export class LabelIndex {
  /** Number of items (positions `0..size-1`). */
  readonly size: number;
  private readonly keyIds = new Map<string, number>();
  private readonly keyPostings: Posting[] = [];
  /** Per key id: value -> posting. */
  private readonly valuePostings: Map<string, Posting>[] = [];
  private readonly empty: Bitset;
  private scratch: Bitset | undefined = undefined;

  /**
   * Indexes the given label maps; position `i` is `labels[i]`.
   *
   * @param labels - one label map per item, in the order that defines the positions.
   */
  constructor(labels: readonly Labels[]) {
    this.size = labels.length;
    this.empty = new Bitset(this.size);
    for (let i = 0; i < labels.length; i++) {
      for (const [key, value] of labels[i] as Labels) {
        let id = this.keyIds.get(key);
        if (id === undefined) {
          id = this.keyPostings.length;
          this.keyIds.set(key, id);
          this.keyPostings.push(new Posting());
          this.valuePostings.push(new Map());
        }
        (this.keyPostings[id] as Posting).positions.push(i);
        const values = this.valuePostings[id] as Map<string, Posting>;
        let posting = values.get(value);
        if (posting === undefined) {
          posting = new Posting();
          values.set(value, posting);
        }
        posting.positions.push(i);
      }
    }
  }

  /** Number of distinct label keys. */
  get keyCount(): number {
    return this.keyPostings.length;
  }

  /** The distinct values of `key`, in first-seen order (empty for an unknown key). */
  valuesOf(key: string): string[] {
    const id = this.keyIds.get(key);
    return id === undefined ? [] : [...(this.valuePostings[id] as Map<string, Posting>).keys()];
  }

  private bitsOf(posting: Posting | undefined): Bitset {
    if (posting === undefined) return this.empty;
    if (posting.bits === undefined) posting.bits = Bitset.fromIndices(this.size, posting.positions);
    return posting.bits;
  }

  private keyPosting(key: string): Posting | undefined {
    const id = this.keyIds.get(key);
    return id === undefined ? undefined : this.keyPostings[id];
  }

  private valuePosting(key: string, value: string): Posting | undefined {
    const id = this.keyIds.get(key);
    return id === undefined ? undefined : this.valuePostings[id]?.get(value);
  }

  /**
   * The items carrying `key`, with any value.
   *
   * @returns a cached, shared bitset: read-only, `clone()` before mutating.
   */
  withKey(key: string): Bitset {
    return this.bitsOf(this.keyPosting(key));
  }

  /**
   * The items whose label `key` equals `value`.
   *
   * @returns a cached, shared bitset: read-only, `clone()` before mutating.
   */
  withValue(key: string, value: string): Bitset {
    return this.bitsOf(this.valuePosting(key, value));
  }

  /**
   * ORs a posting into `target`: word-parallel when the bitset is cached, by position when
   * the posting is sparse, otherwise materializing (and caching) the bitset first.
   */
  private orInto(target: Bitset, posting: Posting | undefined): void {
    if (posting === undefined) return;
    if (posting.bits === undefined && posting.positions.length * 32 < this.size) {
      const words = target.words;
      for (const i of posting.positions) {
        words[i >>> 5] = (words[i >>> 5] as number) | (1 << (i & 31));
      }
      return;
    }
    target.or(this.bitsOf(posting));
  }

  private valuesUnion(key: string, values: readonly string[]): Bitset {
    const scratch = this.scratch ?? new Bitset(this.size);
    this.scratch = scratch;
    scratch.clear();
    const id = this.keyIds.get(key);
    if (id === undefined) return scratch;
    const byValue = this.valuePostings[id] as Map<string, Posting>;
    for (const value of values) this.orInto(scratch, byValue.get(value));
    return scratch;
  }

  /**
   * The items a selector selects, with the semantics of `matchesLabels`: `matchLabels` is
   * the AND of the value sets; `In` the OR of its value sets; `NotIn` the complement of that
   * OR (items lacking the key match); `Exists` the key set; `DoesNotExist` its complement.
   * All parts are ANDed; the empty selector selects every item.
   *
   * @param selector - the selector to evaluate.
   * @returns a new bitset of size {@link LabelIndex.size}, owned by the caller.
   */
  select(selector: LabelSelector): Bitset {
    const result = Bitset.full(this.size);
    for (const [key, value] of selector.matchLabels) {
      const posting = this.valuePosting(key, value);
      if (posting === undefined) return result.clear();
      result.and(this.bitsOf(posting));
    }
    for (const r of selector.matchExpressions) {
      switch (r.operator) {
        case 'In':
          result.and(this.valuesUnion(r.key, r.values));
          break;
        case 'NotIn':
          result.andNot(this.valuesUnion(r.key, r.values));
          break;
        case 'Exists':
          result.and(this.withKey(r.key));
          break;
        case 'DoesNotExist':
          result.andNot(this.withKey(r.key));
          break;
      }
    }
    return result;
  }
}
