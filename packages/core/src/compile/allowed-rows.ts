import { Bitset, wordsFor } from '../bitset/index.js';

/** Largest size of the eagerly built rows; beyond it rows are computed on demand. */
export const EAGER_ROW_BUDGET: number = 256 * 1024 * 1024;

/** Bytes of rows a cache keeps (per cache) when rows are computed on demand. */
export const ROW_CACHE_BUDGET: number = 64 * 1024 * 1024;

/**
 * The terms that allowed sets are unions of: each term is the peers of one rule (optionally
 * narrowed to the destinations where a named port resolves to one port class), as a row of
 * pod classes then IP atoms.
 */
export interface TermSource {
  /** Width of a row: pod classes, then IP atoms. */
  readonly width: number;
  /** Whether term `t` contains `column`, decided from the policies without building a row. */
  has(t: number, column: number): boolean;
  /** ORs the row of term `t` into `target` (of size `width`). */
  orInto(t: number, target: Bitset): void;
}

/**
 * A bounded cache of rows (bitsets, or the sorted indexes of a sparse row), least recently used
 * out first (a `Map` keeps insertion order, so a hit is moved to the end by deleting and
 * re-adding it).
 */
export class RowCache<T extends Bitset | Int32Array = Bitset> {
  private readonly rows = new Map<number, T>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  /**
   * A cached row, made the most recently used. Moving it costs a Map delete and insert per hit,
   * so it is skipped while the cache holds under half its budget: nothing is near eviction
   * then, and a cache that stays small (the common case) never pays for the order.
   */
  get(key: number): T | undefined {
    const row = this.rows.get(key);
    if (row !== undefined && this.bytes * 2 > this.budget) {
      this.rows.delete(key);
      this.rows.set(key, row);
    }
    return row;
  }

  /** A cached row without refreshing its age (for hot point lookups). */
  peek(key: number): T | undefined {
    return this.rows.get(key);
  }

  set(key: number, row: T): void {
    this.rows.set(key, row);
    this.bytes += bytesOf(row);
    for (const [oldest, old] of this.rows) {
      if (this.bytes <= this.budget || oldest === key) break;
      this.rows.delete(oldest);
      this.bytes -= bytesOf(old);
    }
  }
}

function bytesOf(row: Bitset | Int32Array): number {
  return row instanceof Bitset ? row.words.byteLength : row.byteLength;
}

/**
 * The allowed sets of both directions, deduplicated: set `s` is the union of the terms
 * `terms[start[s] .. start[s + 1])`; set 0 is empty (nothing allowed). When every set's row fits
 * {@link EAGER_ROW_BUDGET} the rows are built once into one buffer and a query is one bit test;
 * otherwise a point query checks the terms against the policies and a row is built on demand
 * and kept in a bounded cache.
 */
export class AllowedRows {
  readonly width: number;
  readonly count: number;
  /** True when rows are computed on demand. */
  readonly lazy: boolean;
  private readonly wordsPerRow: number;
  private readonly pool: Uint32Array | undefined;
  private readonly cache = new RowCache(ROW_CACHE_BUDGET);

  constructor(
    private readonly source: TermSource,
    private readonly start: Int32Array,
    private readonly terms: Int32Array,
    budget: number = EAGER_ROW_BUDGET,
  ) {
    this.width = source.width;
    this.count = start.length - 1;
    this.wordsPerRow = wordsFor(this.width);
    this.lazy = this.count * this.wordsPerRow * 4 > budget;
    if (!this.lazy) {
      const pool = new Uint32Array(this.count * this.wordsPerRow);
      for (let s = 1; s < this.count; s++) this.fill(s, this.view(pool, s));
      this.pool = pool;
    }
  }

  /** Bytes held by the eager rows (0 when lazy). */
  get byteLength(): number {
    return this.pool?.byteLength ?? 0;
  }

  private view(pool: Uint32Array, s: number): Bitset {
    const at = s * this.wordsPerRow;
    return new Bitset(this.width, pool.subarray(at, at + this.wordsPerRow));
  }

  private fill(s: number, target: Bitset): void {
    for (let i = this.start[s] ?? 0; i < (this.start[s + 1] ?? 0); i++) {
      this.source.orInto(this.terms[i] ?? 0, target);
    }
  }

  /** Whether set `s` allows `column`. */
  has(s: number, column: number): boolean {
    if (s === 0) return false;
    const pool = this.pool;
    if (pool !== undefined) {
      const word = pool[s * this.wordsPerRow + (column >>> 5)] as number;
      return ((word >>> (column & 31)) & 1) === 1;
    }
    const cached = this.cache.peek(s);
    if (cached !== undefined) return cached.has(column);
    for (let i = this.start[s] ?? 0; i < (this.start[s + 1] ?? 0); i++) {
      if (this.source.has(this.terms[i] ?? 0, column)) return true;
    }
    return false;
  }

  /**
   * Which sets contain `column`, one byte per set. When rows are lazy this asks each term once
   * instead of each set's terms in turn.
   */
  setsContaining(column: number): Uint8Array {
    const out = new Uint8Array(this.count);
    if (this.pool !== undefined) {
      for (let s = 1; s < this.count; s++) out[s] = this.has(s, column) ? 1 : 0;
      return out;
    }
    const hits = new Map<number, boolean>();
    for (let s = 1; s < this.count; s++) {
      for (let i = this.start[s] ?? 0; i < (this.start[s + 1] ?? 0); i++) {
        const t = this.terms[i] ?? 0;
        let hit = hits.get(t);
        if (hit === undefined) {
          hit = this.source.has(t, column);
          hits.set(t, hit);
        }
        if (hit) {
          out[s] = 1;
          break;
        }
      }
    }
    return out;
  }

  /**
   * Whether each of `sets` contains `column`: `out[i]` is 1 when set `sets[i]` does, else 0.
   * One bit read per entry when rows are eager; {@link setsContaining} when they are lazy.
   */
  admitting(sets: Int32Array, column: number, out: Uint8Array): void {
    const pool = this.pool;
    if (pool === undefined) {
      const hit = this.setsContaining(column);
      for (let i = 0; i < sets.length; i++) out[i] = hit[sets[i] as number] ?? 0;
      return;
    }
    // Row 0, the empty set, is never filled: its bits are all 0.
    const stride = this.wordsPerRow;
    const word = column >>> 5;
    const shift = column & 31;
    for (let i = 0; i < sets.length; i++) {
      out[i] = ((pool[(sets[i] as number) * stride + word] as number) >>> shift) & 1;
    }
  }

  /** The row of set `s`; shared and read-only. */
  row(s: number): Bitset {
    if (this.pool !== undefined) return this.view(this.pool, s);
    let row = this.cache.get(s);
    if (row === undefined) {
      row = new Bitset(this.width);
      this.fill(s, row);
      this.cache.set(s, row);
    }
    return row;
  }
}

/**
 * Collects allowed sets as sorted term lists, deduplicated across groups, port classes and
 * directions; set 0 is the empty set (nothing allowed). Lists are found by a hash of their terms
 * and compared in full, so no text key is built for lists of thousands of terms.
 */
export class AllowedSetIds {
  private readonly byHash = new Map<number, number[]>();
  private readonly lists: Int32Array[] = [new Int32Array(0)];

  /** The id of the set that is the union of `terms` (left as given; repeats are merged). */
  idOf(terms: readonly number[]): number {
    if (terms.length === 0) return 0;
    const sorted = Int32Array.from(terms).sort();
    let n = 1;
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] as number;
    }
    const unique = n === sorted.length ? sorted : sorted.slice(0, n);
    let hash = 0x811c9dc5;
    for (let i = 0; i < n; i++) hash = Math.imul(hash ^ (unique[i] as number), 0x01000193);
    let bucket = this.byHash.get(hash);
    if (bucket === undefined) {
      bucket = [];
      this.byHash.set(hash, bucket);
    }
    for (const id of bucket) if (sameTerms(this.lists[id] as Int32Array, unique)) return id;
    const id = this.lists.length;
    this.lists.push(unique);
    bucket.push(id);
    return id;
  }

  /** The sets as {@link AllowedRows} takes them: set `s` is `terms[start[s] .. start[s + 1])`. */
  toArrays(): { readonly start: Int32Array; readonly terms: Int32Array } {
    const lists = this.lists;
    const start = new Int32Array(lists.length + 1);
    for (let s = 0; s < lists.length; s++) start[s + 1] = (start[s] ?? 0) + (lists[s]?.length ?? 0);
    const terms = new Int32Array(start[lists.length] ?? 0);
    lists.forEach((list, s) => {
      terms.set(list, start[s] ?? 0);
    });
    return { start, terms };
  }
}

function sameTerms(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
