import type { ReachGraph } from './reach-graph.js';

/**
 * The reach graph as one question sees it: a cell holding some of the question's sources or
 * targets is split into the part in them and the rest (ids `cell * 4 + part`, part bit 1 =
 * source, bit 2 = target), so every node's pods are alike for this question too.
 */
export interface QueryGraph {
  /** Members per node id (pod indexes, or the one range index for an address cell). */
  readonly members: ReadonlyMap<number, readonly number[]>;
  readonly sources: readonly number[];
  readonly isTarget: (node: number) => boolean;
  /** Address cells by the name the question's endpoints gave them. */
  readonly addressNames: ReadonlyMap<number, string>;
  /** Node ids one hop from `node`, ascending. */
  next(node: number): readonly number[];
}

/** An endpoint set of a question: pod indexes and address cells. */
export interface EndpointSet {
  readonly pods: readonly number[];
  readonly addressCells: readonly number[];
  /** How the endpoint names its address cells (absent: the range). */
  readonly addressNames?: ReadonlyMap<number, string>;
}

/** Splits the cells along the sources and targets of one question. */
export function queryGraph(g: ReachGraph, from: EndpointSet, to?: EndpointSet): QueryGraph {
  const partOfPod = new Map<number, number>();
  const partOfCell = new Map<number, number>();
  const mark = (set: EndpointSet | undefined, bit: number): void => {
    for (const p of set?.pods ?? []) partOfPod.set(p, (partOfPod.get(p) ?? 0) | bit);
    for (const c of set?.addressCells ?? []) partOfCell.set(c, (partOfCell.get(c) ?? 0) | bit);
  };
  mark(from, 1);
  mark(to, 2);
  const parts = new Map<number, number[]>();
  const split = new Set<number>();
  for (const p of partOfPod.keys()) split.add(g.cellOfPod[p] as number);
  for (const c of partOfCell.keys()) split.add(c);
  for (const c of split) {
    const cell = g.cells[c];
    if (cell === undefined) continue;
    if (cell.kind === 'address') {
      parts.set(c * 4 + (partOfCell.get(c) ?? 0), [c]);
      continue;
    }
    for (const p of cell.pods) {
      const id = c * 4 + (partOfPod.get(p) ?? 0);
      const list = parts.get(id) ?? [];
      list.push(p);
      parts.set(id, list);
    }
  }
  const members = new Map<number, readonly number[]>(parts);
  const nodesOf = (c: number): number[] => {
    if (!split.has(c)) {
      const cell = g.cells[c];
      if (cell !== undefined && !members.has(c * 4)) {
        members.set(c * 4, cell.kind === 'address' ? [c] : cell.pods);
      }
      return [c * 4];
    }
    const out: number[] = [];
    for (let part = 0; part < 4; part++) if (parts.has(c * 4 + part)) out.push(c * 4 + part);
    return out;
  };
  const cache = new Map<number, readonly number[]>();
  const sources = [...parts.keys()].filter((id) => (id & 1) === 1).sort((a, b) => a - b);
  return {
    members,
    sources,
    addressNames: new Map([...(to?.addressNames ?? []), ...(from.addressNames ?? [])]),
    isTarget: (node) => (node & 2) === 2,
    next(node) {
      let out = cache.get(node);
      if (out !== undefined) return out;
      const c = node >>> 2;
      const list: number[] = [];
      // An external address range is where a path starts or ends, never a relay: reaching a
      // range does not put its hosts in the attacker's hands.
      if (g.cells[c]?.kind === 'address' && (node & 1) === 0) {
        cache.set(node, list);
        return list;
      }
      for (const d of g.out[c] ?? []) {
        for (const n of nodesOf(d)) {
          // A node to itself needs two of its pods.
          if (n === node && (members.get(n)?.length ?? 0) < 2) continue;
          list.push(n);
        }
      }
      out = list.sort((a, b) => a - b);
      cache.set(node, out);
      return out;
    },
  };
}

/** Breadth-first distances and parents from every source at once. */
export interface Search {
  readonly distance: ReadonlyMap<number, number>;
  readonly parent: ReadonlyMap<number, number>;
  /** Nodes in the order reached. */
  readonly order: readonly number[];
}

/**
 * Breadth-first search from the sources, up to `maxHops`. Targets are not expanded when
 * `stopAtTargets` (a path to a target ends there).
 */
export function breadthFirst(q: QueryGraph, maxHops: number, stopAtTargets = false): Search {
  const distance = new Map<number, number>();
  const parent = new Map<number, number>();
  const order: number[] = [];
  let frontier: number[] = [];
  for (const s of q.sources) {
    distance.set(s, 0);
    order.push(s);
    frontier.push(s);
  }
  for (let d = 1; d <= maxHops && frontier.length > 0; d++) {
    const nextFrontier: number[] = [];
    for (const u of frontier) {
      if (stopAtTargets && q.isTarget(u)) continue;
      for (const v of q.next(u)) {
        if (distance.has(v)) continue;
        distance.set(v, d);
        parent.set(v, u);
        order.push(v);
        nextFrontier.push(v);
      }
    }
    frontier = nextFrontier;
  }
  return { distance, parent, order };
}

/** The path from a source to `node` along the search's parents. */
export function pathTo(search: Search, node: number): number[] {
  const path = [node];
  for (let at = search.parent.get(node); at !== undefined; at = search.parent.get(at)) {
    path.push(at);
  }
  return path.reverse();
}

/**
 * Up to k shortest simple paths from a source to a target, no longer than `maxHops` (Yen's
 * algorithm over breadth-first searches). Paths end at their first target and start at their
 * only source.
 */
export function shortestPaths(q: QueryGraph, k: number, maxHops: number): number[][] {
  const shortest = (
    starts: readonly number[],
    bannedNodes: ReadonlySet<number>,
    bannedEdges: ReadonlySet<string>,
    limit: number,
  ): number[] | undefined => {
    const parent = new Map<number, number>();
    const seen = new Set<number>(starts);
    let frontier = [...starts];
    const trace = (t: number): number[] => {
      const path = [t];
      for (let at = parent.get(t); at !== undefined; at = parent.get(at)) path.push(at);
      return path.reverse();
    };
    for (const s of starts) if (q.isTarget(s)) return [s];
    for (let d = 1; d <= limit && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const u of frontier) {
        for (const v of q.next(u)) {
          if (seen.has(v) || bannedNodes.has(v) || bannedEdges.has(`${u}>${v}`)) continue;
          // A path that comes back to a source is longer than one starting there.
          if ((v & 1) === 1) continue;
          seen.add(v);
          parent.set(v, u);
          if (q.isTarget(v)) return trace(v);
          next.push(v);
        }
      }
      frontier = next;
    }
    return undefined;
  };
  const first = shortest(q.sources, new Set(), new Set(), maxHops);
  if (first === undefined || k < 1) return [];
  const found: number[][] = [first];
  const candidates: number[][] = [];
  const keyOf = (p: readonly number[]): string => p.join(',');
  const known = new Set<string>([keyOf(first)]);
  while (found.length < k) {
    const last = found[found.length - 1] as number[];
    for (let j = 0; j < last.length - 1; j++) {
      const spur = last[j] as number;
      const root = last.slice(0, j + 1);
      const bannedEdges = new Set<string>();
      for (const p of found) {
        if (p.length > j + 1 && keyOf(p.slice(0, j + 1)) === keyOf(root)) {
          bannedEdges.add(`${p[j]}>${p[j + 1]}`);
        }
      }
      const bannedNodes = new Set(root.slice(0, j));
      const tail = shortest([spur], bannedNodes, bannedEdges, maxHops - j);
      if (tail === undefined) continue;
      const path = [...root.slice(0, j), ...tail];
      const key = keyOf(path);
      if (known.has(key)) continue;
      known.add(key);
      candidates.push(path);
    }
    if (candidates.length === 0) break;
    // Shortest first; ties in node order, so answers are deterministic.
    candidates.sort((a, b) => a.length - b.length || compareLists(a, b));
    found.push(candidates.shift() as number[]);
  }
  return found;
}

function compareLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  }
  return a.length - b.length;
}

/**
 * Strongly connected components of the pod cells (Tarjan's algorithm, iterative), as lists of
 * cell indexes. A component of one cell is returned only when the cell has an edge to itself.
 */
export function podComponents(g: ReachGraph): number[][] {
  const n = g.cells.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  const isPod = (c: number): boolean => g.cells[c]?.kind === 'pod';
  const adjacency = g.out.map((list, c) =>
    isPod(c) ? list.filter((d) => d !== c && isPod(d)) : [],
  );
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || g.cells[root]?.kind !== 'pod') continue;
    // Each frame: the node and how far through its neighbours it is.
    const frames: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as [number, number];
      const [v, at] = frame;
      const list = adjacency[v] as number[];
      if (at < list.length) {
        frame[1] = at + 1;
        const w = list[at] as number;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, 0]);
        } else if (onStack[w] === 1) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      frames.pop();
      const up = frames[frames.length - 1];
      if (up !== undefined) low[up[0]] = Math.min(low[up[0]] as number, low[v] as number);
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || g.graph.hasDirectedEdge(`${v}`, `${v}`)) {
          out.push(component.sort((a, b) => a - b));
        }
      }
    }
  }
  return out;
}
