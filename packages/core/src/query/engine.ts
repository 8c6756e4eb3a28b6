import { Bitset, wordsFor } from '../bitset/index.js';
import type { CompiledCluster } from '../compile/index.js';
import { compileCluster } from '../compile/index.js';
import { ReachError } from '../errors.js';
import type {
  Cluster,
  ConnectionSet,
  Endpoint,
  Pod,
  PodRef,
  PortRange,
  Protocol,
  SemanticsOptions,
  Traffic,
} from '../model/index.js';
import { formatPodRef, isAddress, PROTOCOLS, resolveSemantics } from '../model/index.js';
import { formatIp, PortSet, parseIp } from '../net/index.js';
import { checkCompileInput } from './check-compile-input.js';
import type { ResolvedEndpoint } from './explain.js';
import { explainPair, isolatingPolicies, PolicyWalk } from './explain.js';
import { checkTraffic } from './traffic.js';
import type {
  AddressRange,
  Change,
  Connection,
  Connectivity,
  Engine,
  EngineStats,
  Explanation,
  GroupBy,
  GroupMatrix,
  GroupMatrixRows,
  PolicyRef,
  ReachabilityMatrix,
} from './types.js';
import { whatIf } from './what-if.js';
import type { WorkloadGroup } from './workloads.js';
import { groupByPod, groupByWorkload } from './workloads.js';

/** Bytes a pod matrix may keep of computed rows and pod lists. */
const MATRIX_BUDGET = 256 * 1024 * 1024;

/** A resolved endpoint plus its column/row in the matrices. */
type Located = ResolvedEndpoint & { readonly column: number };

class CompiledEngine implements Engine {
  readonly pods: readonly PodRef[];
  readonly cluster: Cluster;
  readonly options: SemanticsOptions;
  readonly stats: EngineStats;
  private readonly c: CompiledCluster;
  private readonly classCount: number;
  private readonly portClassCount: number;
  private walk: PolicyWalk | undefined;

  constructor(compiled: CompiledCluster) {
    this.c = compiled;
    this.cluster = compiled.cluster;
    this.classCount = compiled.classes.count;
    this.portClassCount = compiled.ports.count;
    // The engine hands these out: frozen, so that a caller sorting `pods` cannot change what
    // the indexes of later answers mean.
    this.pods = Object.freeze(
      compiled.pods.map((pod) => Object.freeze({ namespace: pod.namespace, name: pod.name })),
    );
    this.options = Object.freeze({ ...compiled.options });
    this.stats = Object.freeze({
      pods: compiled.pods.length,
      namespaces: compiled.namespaces.length,
      policies: compiled.policies.length,
      podClasses: compiled.classes.count,
      portClasses: compiled.ports.count,
      ipAtoms: compiled.ipAtoms.count,
      matrixBytes:
        compiled.rows.byteLength + compiled.ingress.byteLength + compiled.egress.byteLength,
      allowedSets: compiled.rows.count,
      lazy: compiled.rows.lazy,
    });
    for (const key of ['cluster', 'pods', 'options', 'stats']) {
      Object.defineProperty(this, key, { writable: false, configurable: false });
    }
  }

  private locate(endpoint: Endpoint): Located {
    if (isAddress(endpoint)) {
      const address = parseIp(endpoint.address);
      if (!address) {
        throw new ReachError('invalid-endpoint', `not an IP address: ${endpoint.address}`);
      }
      return { kind: 'address', address, column: this.classCount + this.c.ipAtoms.atomOf(address) };
    }
    const index = this.c.podIndex.get(formatPodRef(endpoint));
    if (index === undefined) {
      throw new ReachError('unknown-pod', `no pod ${formatPodRef(endpoint)} in the cluster`);
    }
    const pod = this.c.pods[index];
    if (!pod) throw new ReachError('unknown-pod', `no pod ${formatPodRef(endpoint)}`);
    return { kind: 'pod', index, pod, column: this.c.classes.classOf[index] ?? 0 };
  }

  /**
   * The matrix lookup: egress allowed at the source AND ingress allowed at the destination,
   * where a side that no policy isolates allows everything.
   */
  private allowedByClass(from: Located, to: Located, k: number): boolean {
    if (isSelf(from, to)) return true;
    return (
      (from.kind === 'address' || this.egressAllows(from.column, to.column, k)) &&
      (to.kind === 'address' || this.ingressAllows(to.column, from.column, k))
    );
  }

  /** Whether class `source`'s egress allows `column` on port class k. */
  private egressAllows(source: number, column: number, k: number): boolean {
    const { egress, rows } = this.c;
    const g = egress.groupOf[source] ?? -1;
    return g < 0 || rows.has(egress.setAt(g, k), column);
  }

  /** Whether class `destination`'s ingress allows `column` on port class k. */
  private ingressAllows(destination: number, column: number, k: number): boolean {
    const { ingress, rows } = this.c;
    const g = ingress.groupOf[destination] ?? -1;
    return g < 0 || rows.has(ingress.setAt(g, k), column);
  }

  canReach(from: Endpoint, to: Endpoint, traffic: Traffic): boolean {
    const t = checkTraffic(traffic);
    const k = this.c.ports.classOf(t.protocol, t.port);
    return this.allowedByClass(this.locate(from), this.locate(to), k);
  }

  connections(from: Endpoint, to: Endpoint): ConnectionSet {
    return this.connectionSet(this.locate(from), this.locate(to));
  }

  private connectionSet(a: Located, b: Located): ConnectionSet {
    const allowed = new Bitset(this.portClassCount);
    for (let k = 0; k < this.portClassCount; k++) if (this.allowedByClass(a, b, k)) allowed.add(k);
    return this.portClassesToSet(allowed);
  }

  /** The ports of some port classes: `'all'` when every class is in. */
  private portClassesToSet(allowed: Bitset): ConnectionSet {
    const { ports } = this.c;
    if (allowed.count() === ports.count) return 'all';
    const byProtocol = new Map<Protocol, PortRange[]>();
    allowed.forEach((k) => {
      const protocol = ports.protocolOf[k] as Protocol;
      const list = byProtocol.get(protocol) ?? [];
      list.push(...(ports.rangesOf[k] ?? []));
      byProtocol.set(protocol, list);
    });
    const result: { [P in Protocol]?: readonly PortRange[] } = {};
    for (const protocol of PROTOCOLS) {
      const list = byProtocol.get(protocol);
      if (list && list.length > 0) result[protocol] = PortSet.of(list).ranges;
    }
    return result;
  }

  /** A class as an endpoint that is no particular pod (so the self rule never applies). */
  private classEndpoint(c: number): Located {
    const pod = this.c.pods[this.c.classes.representative[c] ?? 0] as Pod;
    return { kind: 'pod', index: -1, pod, column: c };
  }

  groups(by: GroupBy): readonly WorkloadGroup[] {
    return by === 'pod' ? groupByPod(this.c.pods) : groupByWorkload(this.c.cluster, this.c.pods);
  }

  private classesOf(group: WorkloadGroup): number[] {
    const { classOf } = this.c.classes;
    return [...new Set(group.pods.map((p) => classOf[p] ?? 0))];
  }

  connectivity(by: GroupBy): Connectivity {
    return { peers: this.groups(by).map((g) => g.id), connections: [...this.eachConnection(by)] };
  }

  *eachConnection(by: GroupBy): Generator<Connection, void, undefined> {
    const groups = this.groups(by);
    const classes = groups.map((g) => this.classesOf(g));
    const K = this.portClassCount;
    const C = this.classCount;
    const atoms = this.addressRanges();
    // A pair of groups is connected on a port class when some class of one reaches some class
    // of the other; the union of port classes becomes one connection set (memoised: few
    // distinct unions occur).
    const sets = new Map<string, ConnectionSet>();
    const allowed = new Bitset(K);
    const connection = (from: string, to: string): Connection | undefined => {
      if (allowed.isEmpty()) return undefined;
      const key = allowed.words.join(',');
      let set = sets.get(key);
      if (set === undefined) {
        set = this.portClassesToSet(allowed);
        sets.set(key, set);
      }
      return { from, to, allowed: set };
    };
    for (const [i, from] of groups.entries()) {
      const sources = classes[i] ?? [];
      // Per port class, every class some source class reaches; `any` over all port classes.
      const reach: Bitset[] = [];
      const any = new Bitset(C);
      for (let k = 0; k < K; k++) {
        const row = new Bitset(C);
        for (const a of sources) row.or(this.destinationClasses(this.classEndpoint(a), k));
        reach.push(row);
        any.or(row);
      }
      for (const [j, to] of groups.entries()) {
        if (i === j) continue;
        const targets = classes[j] ?? [];
        if (!targets.some((b) => any.has(b))) continue;
        allowed.clear();
        reach.forEach((row, k) => {
          if (targets.some((b) => row.has(b))) allowed.add(k);
        });
        const c = connection(from.id, to.id);
        if (c !== undefined) yield c;
      }
      // An address has no policies of its own: only the source's egress decides.
      for (const [atom, range] of atoms.entries()) {
        allowed.clear();
        for (let k = 0; k < K; k++) {
          if (sources.some((a) => this.egressAllows(a, C + atom, k))) allowed.add(k);
        }
        const c = connection(from.id, range.text);
        if (c !== undefined) yield c;
      }
    }
    for (const [atom, range] of atoms.entries()) {
      for (const [j, to] of groups.entries()) {
        allowed.clear();
        for (let k = 0; k < K; k++) {
          if ((classes[j] ?? []).some((b) => this.ingressAllows(b, C + atom, k))) allowed.add(k);
        }
        const c = connection(range.text, to.id);
        if (c !== undefined) yield c;
      }
    }
  }

  groupMatrix(traffic: Traffic, by: GroupBy): GroupMatrix {
    const m = this.groupMatrixRows(traffic, by);
    return { traffic: m.traffic, names: m.names, allowed: [...m.rows] };
  }

  groupMatrixRows(traffic: Traffic, by: GroupBy): GroupMatrixRows {
    const t = checkTraffic(traffic);
    const k = this.c.ports.classOf(t.protocol, t.port);
    const groups = this.groups(by);
    const classes = groups.map((g) => this.classesOf(g));
    // A bare Pod reaches itself; a workload's diagonal is replica to replica (policies decide).
    const singlePod = (g: WorkloadGroup): boolean =>
      g.pods.length === 1 && !this.c.pods[g.pods[0] ?? 0]?.fromTemplate;
    const row = (gi: WorkloadGroup, i: number): boolean[] =>
      groups.map(
        (__, j) =>
          (i === j && singlePod(gi)) ||
          (classes[i] ?? []).some((a) =>
            (classes[j] ?? []).some((b) =>
              this.allowedByClass(this.classEndpoint(a), this.classEndpoint(b), k),
            ),
          ),
      );
    return {
      traffic: t,
      names: groups.map((g) => g.id),
      rows: {
        *[Symbol.iterator]() {
          for (const [i, gi] of groups.entries()) yield row(gi, i);
        },
      },
    };
  }

  /**
   * The classes one side allows, on port class k, for the endpoint at `column`: its own row
   * when isolated (the first C bits), else every class.
   */
  private ownSide(direction: 'ingress' | 'egress', at: Located, k: number): Bitset {
    const rules = this.c[direction];
    const C = this.classCount;
    const g = at.kind === 'pod' ? (rules.groupOf[at.column] ?? -1) : -1;
    if (g < 0) return Bitset.full(C);
    const row = this.c.rows.row(rules.setAt(g, k));
    return new Bitset(C, row.words.slice(0, wordsFor(C)));
  }

  /**
   * Removes from `result` the classes whose `direction` side does not admit `column`: the
   * answer per rule group, computed once, then a pass over the classes.
   */
  private filterOtherSide(
    result: Bitset,
    direction: 'ingress' | 'egress',
    column: number,
    k: number,
  ): Bitset {
    const { groupOf, groupCount, setAt } = this.c[direction];
    const rows = this.c.rows;
    const admits = new Uint8Array(groupCount);
    if (rows.lazy) {
      const hit = rows.setsContaining(column);
      for (let g = 0; g < groupCount; g++) admits[g] = hit[setAt(g, k)] ?? 0;
    } else {
      for (let g = 0; g < groupCount; g++) {
        admits[g] = rows.has(setAt(g, k), column) ? 1 : 0;
      }
    }
    const words = result.words;
    for (let c = 0; c < this.classCount; c++) {
      const g = groupOf[c] ?? -1;
      if (g >= 0 && admits[g] === 0) words[c >>> 5] = (words[c >>> 5] as number) & ~(1 << (c & 31));
    }
    return result;
  }

  /** Destination classes reachable from a located source on port class k. */
  private destinationClasses(from: Located, k: number): Bitset {
    return this.filterOtherSide(this.ownSide('egress', from, k), 'ingress', from.column, k);
  }

  /** Source classes that reach a located destination on port class k. */
  private sourceClasses(to: Located, k: number): Bitset {
    return this.filterOtherSide(this.ownSide('ingress', to, k), 'egress', to.column, k);
  }

  private expand(classes: Bitset, self: Located): PodRef[] {
    const { start, members } = this.c.classes;
    const indexes: number[] = [];
    classes.forEach((c) => {
      for (let i = start[c] ?? 0; i < (start[c + 1] ?? 0); i++) indexes.push(members[i] ?? 0);
    });
    if (self.kind === 'pod' && isSelf(self, self) && !indexes.includes(self.index)) {
      indexes.push(self.index);
    }
    return indexes.sort((x, y) => x - y).map((i) => this.pods[i] as PodRef);
  }

  reachableFrom(from: Endpoint, traffic: Traffic): readonly PodRef[] {
    const t = checkTraffic(traffic);
    const a = this.locate(from);
    return this.expand(this.destinationClasses(a, this.c.ports.classOf(t.protocol, t.port)), a);
  }

  reachersOf(to: Endpoint, traffic: Traffic): readonly PodRef[] {
    const t = checkTraffic(traffic);
    const b = this.locate(to);
    return this.expand(this.sourceClasses(b, this.c.ports.classOf(t.protocol, t.port)), b);
  }

  matrix(traffic: Traffic): ReachabilityMatrix {
    const t = checkTraffic(traffic);
    const k = this.c.ports.classOf(t.protocol, t.port);
    const C = this.classCount;
    const P = this.pods.length;
    const { classOf, start, members } = this.c.classes;
    const pods = this.c.pods;
    // Class rows and their pod lists are computed on first use and kept while they fit a budget,
    // so a matrix over more classes than memory allows still answers every row.
    const classRows: (Bitset | undefined)[] = new Array(C);
    let rowBudget = Math.floor(MATRIX_BUDGET / Math.max(4, wordsFor(C) * 4));
    const classRow = (c: number): Bitset => {
      let row = classRows[c];
      if (row === undefined) {
        row = this.destinationClasses(this.classEndpoint(c), k);
        if (rowBudget-- > 0) classRows[c] = row;
      }
      return row;
    };
    const podLists: (number[] | undefined)[] = new Array(C);
    let listBudget = MATRIX_BUDGET / 8;
    const podList = (c: number): number[] => {
      let list = podLists[c];
      if (list !== undefined) return list;
      const row = classRow(c);
      list = [];
      let size = 0;
      row.forEach((d) => {
        size += (start[d + 1] ?? 0) - (start[d] ?? 0);
      });
      if (size * Math.log2(size + 2) < P) {
        row.forEach((d) => {
          for (let i = start[d] ?? 0; i < (start[d + 1] ?? 0); i++) list?.push(members[i] ?? 0);
        });
        list.sort((x, y) => x - y);
      } else {
        for (let p = 0; p < P; p++) if (row.has(classOf[p] ?? 0)) list.push(p);
      }
      if (listBudget > 0) {
        // Kept for the next rows of the class: frozen, as callers receive it.
        podLists[c] = Object.freeze(list) as number[];
        listBudget -= list.length + 1;
      }
      return list;
    };
    return {
      traffic: t,
      pods: this.pods,
      allowed: (from: number, to: number): boolean =>
        (from === to && !pods[from]?.fromTemplate) ||
        this.allowedByClass(
          this.classEndpoint(classOf[from] ?? 0),
          this.classEndpoint(classOf[to] ?? 0),
          k,
        ),
      row: (from: number): readonly number[] => {
        const c = classOf[from] ?? 0;
        const list = podList(c);
        // A Pod object always reaches itself; its class row may not include its own class.
        if (pods[from]?.fromTemplate || classRow(c).has(c)) return list;
        const out = list.slice();
        let at = out.length;
        while (at > 0 && (out[at - 1] ?? 0) > from) at--;
        out.splice(at, 0, from);
        return out;
      },
    };
  }

  explain(from: Endpoint, to: Endpoint, traffic: Traffic): Explanation {
    const t = checkTraffic(traffic);
    return explainPair(this.policyWalk(), this.locate(from), this.locate(to), from, to, t);
  }

  isolation(pod: PodRef, direction: 'ingress' | 'egress'): readonly PolicyRef[] {
    const located = this.locate(pod);
    if (located.kind !== 'pod') return [];
    return isolatingPolicies(this.policyWalk(), located.pod, direction);
  }

  /** The explainer's view of the policies, built on first use. */
  private policyWalk(): PolicyWalk {
    this.walk ??= new PolicyWalk(this.c.namespaces, this.c.policies, this.c.options);
    return this.walk;
  }

  with(change: Change): Engine {
    return whatIf(this, this.c, change, (cluster) => compile(cluster, this.options));
  }

  addressRanges(): readonly AddressRange[] {
    const ranges: AddressRange[] = [];
    for (let i = 0; i < this.c.ipAtoms.count; i++) {
      const atom = this.c.ipAtoms.atom(i);
      const first = formatIp(atom.family, atom.first);
      const last = formatIp(atom.family, atom.last);
      ranges.push({ family: atom.family, first, last, text: `${first}-${last}` });
    }
    return ranges;
  }
}

/**
 * A Pod object talking to itself: always allowed. A template pod stands for all replicas, so
 * "itself" there means another replica, and the policies decide.
 */
function isSelf(from: Located, to: Located): boolean {
  return (
    from.kind === 'pod' &&
    to.kind === 'pod' &&
    from.index === to.index &&
    from.index >= 0 &&
    !from.pod.fromTemplate
  );
}

/**
 * Compiles a cluster into an {@link Engine}: label indexes, pod classes, port and IP atoms, and
 * the per-port-class allowed matrices of both directions.
 *
 * @param cluster - a cluster from `parseCluster` / `loadCluster`
 * @param options - plugin-defined behaviours; see `SemanticsOptions` for the defaults
 * @returns an immutable engine: `pods`, `options`, `stats` and the lists it returns are frozen
 * @throws {@link ReachError} `invalid-options` for an unknown option or a bad value, and
 *   `invalid-cluster` for a cluster that is not shaped as `parseCluster` returns it
 * @example
 * ```ts
 * const engine = compile(loadCluster(yamlText));
 * engine.canReach({ namespace: 'shop', name: 'deployment/api' },
 *                 { namespace: 'shop', name: 'statefulset/db' }, { port: 5432 });
 * ```
 */
export function compile(cluster: Cluster, options?: Partial<SemanticsOptions>): Engine {
  checkCompileInput(cluster, options);
  return new CompiledEngine(compileCluster(cluster, resolveSemantics(options)));
}
