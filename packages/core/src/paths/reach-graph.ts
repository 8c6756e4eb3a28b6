import { DirectedGraph } from 'graphology';
import { serviceBackends, serviceTargetPort } from '../endpoint/index.js';
import type { ConnectionSet, Pod, PortRange, Protocol } from '../model/index.js';
import { formatPodRef, PROTOCOLS } from '../model/index.js';
import { intersectSets, isEmptySet, parseIp, setKey, unionAll } from '../net/index.js';
import type { AddressRange, Engine } from '../query/index.js';
import type { GraphStats, HopOptions, PortFilter } from './types.js';

/**
 * A node of the reach graph: endpoints that every hop treats alike. Pods of one policy class
 * (the engine's groups of identical connections) that listen on the same ports form one cell;
 * each external address range (IP atom) is a cell of its own. Nodes of the cluster, when the
 * engine knows them, become one more kind here.
 */
export interface Cell {
  readonly kind: 'pod' | 'address';
  /** Pod indexes into `engine.pods`, ascending; empty for an address range. */
  readonly pods: readonly number[];
  /** The range, for an address cell. */
  readonly range?: AddressRange;
}

/** Node attributes of the graphology graph: the cell's index in {@link ReachGraph.cells}. */
export interface CellAttributes {
  readonly cell: number;
}

/** Edge attributes: the ports a hop between the two cells may use. */
export interface HopAttributes {
  readonly ports: ConnectionSet;
}

/**
 * The hop relation over cells, as a graphology directed graph (node key = cell index as text).
 * An edge from a pod cell to itself means "from one of its pods to another".
 */
export interface ReachGraph {
  readonly engine: Engine;
  readonly graph: DirectedGraph<CellAttributes, HopAttributes>;
  readonly cells: readonly Cell[];
  /** Cell of each pod (index into `engine.pods`). */
  readonly cellOfPod: Int32Array;
  /** Cell of each address range (index into `engine.addressRanges()`). */
  readonly cellOfRange: readonly number[];
  readonly ranges: readonly AddressRange[];
  /** Pod index by `namespace/name`. */
  readonly podIndex: ReadonlyMap<string, number>;
  /** The cells one hop from each cell, ascending (the graph's out-neighbours, as indexes). */
  readonly out: readonly (readonly number[])[];
  readonly stats: GraphStats;
}

const ALL_PORTS: readonly PortRange[] = [[1, 65535]];

/** The ports a filter list admits, as one connection set (`'all'` without a filter). */
export function filterSet(ports: readonly PortFilter[] | undefined): ConnectionSet {
  if (ports === undefined) return 'all';
  return unionAll(
    ports.map((f): ConnectionSet => {
      const range: readonly PortRange[] =
        f.port === undefined ? ALL_PORTS : [[f.port, f.endPort ?? f.port]];
      const set: { [P in Protocol]?: readonly PortRange[] } = {};
      for (const p of f.protocol === undefined ? PROTOCOLS : [f.protocol]) set[p] = range;
      return set;
    }),
  );
}

/**
 * The ports a pod listens on: its containers' ports, and the `targetPort` of every port of a
 * Service that selects it (a named one resolves to a container port, already counted).
 */
export function listeningPorts(
  pod: Pod,
  targetPorts: readonly { protocol: Protocol; port: number }[],
): ConnectionSet {
  const set: { [P in Protocol]?: PortRange[] } = {};
  const add = (protocol: Protocol, port: number): void => {
    const ranges = set[protocol] ?? [];
    ranges.push([port, port]);
    set[protocol] = ranges;
  };
  for (const c of pod.ports) add(c.protocol, c.containerPort);
  for (const t of targetPorts) add(t.protocol, t.port);
  // unionAll sorts and merges the ranges.
  return unionAll([set]);
}

/** Per pod (by `namespace/name`), the target ports of the Services that select it. */
function serviceTargets(engine: Engine): Map<string, { protocol: Protocol; port: number }[]> {
  const out = new Map<string, { protocol: Protocol; port: number }[]>();
  for (const service of engine.cluster.services ?? []) {
    for (const pod of serviceBackends(engine.cluster, service)) {
      const key = formatPodRef(pod);
      for (const sp of service.ports) {
        const port = serviceTargetPort(sp, pod);
        if (port === undefined) continue;
        const list = out.get(key) ?? [];
        list.push({ protocol: sp.protocol, port });
        out.set(key, list);
      }
    }
  }
  return out;
}

/**
 * Builds the reach graph of an engine: one pass over the engine's grouped connections (pairs of
 * policy classes, and classes with address ranges), no work per pair of pods.
 *
 * @param engine - a compiled engine
 * @param options - the hop rule: listening ports (default) or any port, and a port filter
 * @returns the graph; its cells are deterministic (in pod order, then address order)
 */
export function buildReachGraph(engine: Engine, options: HopOptions = {}): ReachGraph {
  const filter = filterSet(options.ports);
  const podIndex = new Map<string, number>();
  for (const [i, ref] of engine.pods.entries()) podIndex.set(formatPodRef(ref), i);
  const podObjects = new Map<string, Pod>();
  for (const pod of engine.cluster.pods) podObjects.set(formatPodRef(pod), pod);
  const targets = options.anyPort === true ? undefined : serviceTargets(engine);

  // Pods mostly share a handful of port lists: each list is made a set once.
  const sets = new Map<string, ConnectionSet>();
  const listeningOf = (pod: Pod | undefined, name: string): ConnectionSet => {
    if (targets === undefined || pod === undefined) return 'all';
    const extra = targets.get(name) ?? [];
    const raw = `${pod.ports.map((p) => `${p.protocol}${p.containerPort}`).join(',')};${extra
      .map((p) => `${p.protocol}${p.port}`)
      .join(',')}`;
    let set = sets.get(raw);
    if (set === undefined) {
      set = listeningPorts(pod, extra);
      sets.set(raw, set);
    }
    return set;
  };
  const grouped = engine.groupedConnections('pod');
  // Split each group by what its pods listen on: a hop into the group lands on the pods that
  // listen on its port, and only them.
  const cells: { kind: 'pod' | 'address'; pods: number[]; range?: AddressRange }[] = [];
  const listening: ConnectionSet[] = [];
  const cellsOfGroup: number[][] = [];
  const cellOfPod = new Int32Array(engine.pods.length).fill(-1);
  for (const members of grouped.groups) {
    const byKey = new Map<string, number>();
    const own: number[] = [];
    const indexes = members
      .map((name) => podIndex.get(name))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);
    for (const i of indexes) {
      const name = formatPodRef(engine.pods[i] as { namespace: string; name: string });
      const pod = podObjects.get(name);
      const ports = listeningOf(pod, name);
      const key = setKey(ports);
      let cell = byKey.get(key);
      if (cell === undefined) {
        cell = cells.length;
        byKey.set(key, cell);
        own.push(cell);
        cells.push({ kind: 'pod', pods: [] });
        listening.push(ports);
      }
      cells[cell]?.pods.push(i);
      cellOfPod[i] = cell;
    }
    cellsOfGroup.push(own);
  }
  const ranges = engine.addressRanges();
  const cellOfRange: number[] = [];
  const rangeIndex = new Map<string, number>();
  for (const [i, range] of ranges.entries()) {
    rangeIndex.set(range.text, i);
    cellOfRange.push(cells.length);
    cells.push({ kind: 'address', pods: [], range });
    // An external host is not ours to know: every port counts as listened on.
    listening.push('all');
  }

  const graph = new DirectedGraph<CellAttributes, HopAttributes>();
  for (const [i] of cells.entries()) graph.addNode(`${i}`, { cell: i });
  // Connection sets are shared between pairs (few distinct ones occur): cache the intersection
  // with each destination's listening set by object identity.
  const hopCache = new Map<ConnectionSet, Map<ConnectionSet, ConnectionSet>>();
  const hopPorts = (allowed: ConnectionSet, dest: ConnectionSet): ConnectionSet => {
    let inner = hopCache.get(allowed);
    if (inner === undefined) {
      inner = new Map();
      hopCache.set(allowed, inner);
    }
    let ports = inner.get(dest);
    if (ports === undefined) {
      ports = intersectSets(intersectSets(allowed, filter), dest);
      inner.set(dest, ports);
    }
    return ports;
  };
  const out: number[][] = cells.map(() => []);
  const cellsOf = (end: number | string): readonly number[] => {
    if (typeof end === 'number') return cellsOfGroup[end] ?? [];
    const at = rangeIndex.get(end);
    return at === undefined ? [] : [cellOfRange[at] as number];
  };
  for (const c of grouped.connections) {
    const sources = cellsOf(c.from);
    for (const b of cellsOf(c.to)) {
      const ports = hopPorts(c.allowed, listening[b] as ConnectionSet);
      if (isEmptySet(ports)) continue;
      for (const a of sources) {
        // A group's connection to itself holds between two distinct pods of it.
        if (a === b && (cells[a]?.pods.length ?? 0) < 2) continue;
        graph.addDirectedEdgeWithKey(`${a}>${b}`, `${a}`, `${b}`, { ports });
        out[a]?.push(b);
      }
    }
  }
  return {
    engine,
    graph,
    cells,
    cellOfPod,
    cellOfRange,
    ranges,
    podIndex,
    out: out.map((list) => list.sort((x, y) => x - y)),
    stats: { nodes: graph.order, edges: graph.size },
  };
}

/** The cell of an address (the range that holds it), or -1. */
export function cellOfAddress(g: ReachGraph, address: string): number {
  const ip = parseIp(address);
  if (ip === undefined) return -1;
  for (const [i, range] of g.ranges.entries()) {
    if (range.family !== ip.family) continue;
    const first = parseIp(range.first);
    const last = parseIp(range.last);
    if (first && last && first.value <= ip.value && ip.value <= last.value) {
      return g.cellOfRange[i] as number;
    }
  }
  return -1;
}
