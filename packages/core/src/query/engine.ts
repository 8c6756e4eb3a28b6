import { Bitset, wordsFor } from '../bitset/index.js';
import type { CompiledCluster } from '../compile/index.js';
import { ADMIN_ALLOW, ADMIN_NEXT, compileCluster } from '../compile/index.js';
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
import { formatPodRef, isAddress, PROTOCOLS } from '../model/index.js';
import { formatIp, NONE, PortSet, parseIp } from '../net/index.js';
import { profileSemantics } from '../profiles/index.js';
import { checkCompileInput } from './check-compile-input.js';
import { connectionRows, connectionsOfRows } from './connection-rows.js';
import type { ResolvedEndpoint } from './explain.js';
import { explainPair, isolatingPolicies, PolicyWalk } from './explain.js';
import { AdminWalk } from './explain-admin.js';
import type { GroupWords } from './group-words.js';
import { dropGroups, groupWords } from './group-words.js';
import { classGroups, groupsReached } from './groups-reached.js';
import { ownNodeOf } from './own-node.js';
import { peerPortMasks } from './peer-batch.js';
import { checkTraffic } from './traffic.js';
import type {
  AddressRange,
  Change,
  Connection,
  ConnectionRows,
  Connectivity,
  Engine,
  EngineStats,
  Explanation,
  GroupBy,
  GroupedConnections,
  GroupedMatrixRows,
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
  private readonly groupWordIndex: { ingress?: GroupWords; egress?: GroupWords } = {};
  /** Per direction and port class, the allowed set of each rule group, built on first use. */
  private readonly groupSets: { ingress: Int32Array[]; egress: Int32Array[] } = {
    ingress: [],
    egress: [],
  };
  /** Per direction, room for one byte per rule group, reused by every `filterOtherSide`. */
  private readonly admitsScratch: { ingress?: Uint8Array; egress?: Uint8Array } = {};
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
    const { egress, rows, admin, exempt } = this.c;
    const g = egress.groupOf[source] ?? -1;
    if (admin !== undefined) {
      const verdict = admin.egress.decide(source, column, k, g >= 0);
      if (verdict !== ADMIN_NEXT) return verdict === ADMIN_ALLOW;
    }
    // Own-node traffic the plugin never polices (compile/node-split.ts) passes NetworkPolicy.
    return g < 0 || exempt.egress.has(source, column) || rows.has(egress.setAt(g, k), column);
  }

  /** Whether class `destination`'s ingress allows `column` on port class k. */
  private ingressAllows(destination: number, column: number, k: number): boolean {
    const { ingress, rows, admin, exempt } = this.c;
    const g = ingress.groupOf[destination] ?? -1;
    if (admin !== undefined) {
      const verdict = admin.ingress.decide(destination, column, k, g >= 0);
      if (verdict !== ADMIN_NEXT) return verdict === ADMIN_ALLOW;
    }
    return (
      g < 0 || exempt.ingress.has(destination, column) || rows.has(ingress.setAt(g, k), column)
    );
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

  eachConnection(by: GroupBy): Generator<Connection, void, undefined> {
    const groups = this.groups(by);
    return this.connectionsOver(
      groups,
      groups.map((g) => this.classesOf(g)),
      () => false,
    );
  }

  connectionRows(by: GroupBy): ConnectionRows {
    const groups = this.groups(by);
    return this.rowsOver(
      groups.map((g) => g.id),
      groups.map((g) => this.classesOf(g)),
    );
  }

  /** {@link connectionRows} over peers given by their classes. */
  private rowsOver(
    peers: readonly string[],
    classes: readonly (readonly number[])[],
    withSelf?: (peer: number) => boolean,
  ): ConnectionRows {
    return connectionRows(peers, {
      classCount: this.classCount,
      portClassCount: this.portClassCount,
      classes,
      ranges: this.addressRanges(),
      reachOf: this.classReach(),
      egressAllows: (a, column, k) => this.egressAllows(a, column, k),
      ingressAllows: (b, column, k) => this.ingressAllows(b, column, k),
      portClassesToSet: (allowed) => this.portClassesToSet(allowed),
      ...(withSelf === undefined ? {} : { withSelf }),
    });
  }

  groupedConnections(by: GroupBy): GroupedConnections {
    // Peers with the same classes have the same connections to every other peer, and two
    // distinct peers of one such group are connected as the group is to itself.
    const byKey = new Map<string, number>();
    const members: string[][] = [];
    const classSets: number[][] = [];
    for (const g of this.groups(by)) {
      const classes = this.classesOf(g).sort((x, y) => x - y);
      const key = classes.join(',');
      const at = byKey.get(key);
      if (at !== undefined) {
        members[at]?.push(g.id);
        continue;
      }
      byKey.set(key, members.length);
      members.push([g.id]);
      classSets.push(classes);
    }
    const ids = members.map((_, i) => `${i}`);
    const engine = this;
    return {
      groups: members,
      connections: {
        *[Symbol.iterator]() {
          for (const c of engine.connectionsOver(
            ids.map((id) => ({ id })),
            classSets,
            (i) => (members[i]?.length ?? 0) > 1,
          )) {
            const from = Number.parseInt(c.from, 10);
            const to = Number.parseInt(c.to, 10);
            yield {
              from: Number.isNaN(from) || c.from !== `${from}` ? c.from : from,
              to: Number.isNaN(to) || c.to !== `${to}` ? c.to : to,
              allowed: c.allowed,
            };
          }
        },
      },
    };
  }

  /**
   * The connections between peers (by their classes) and between peers and address ranges;
   * `withSelf(i)` says whether peer i is paired with itself (a group of several peers).
   */
  private connectionsOver(
    groups: readonly { readonly id: string }[],
    classes: readonly (readonly number[])[],
    withSelf: (i: number) => boolean,
  ): Generator<Connection, void, undefined> {
    return connectionsOfRows(
      this.rowsOver(
        groups.map((g) => g.id),
        classes,
        withSelf,
      ),
    );
  }

  /**
   * The destination classes of a class on a port class, computed on first use and kept while
   * they fit the matrix budget (each row is C bits), so a class shared by many groups costs once.
   */
  private classReach(): (c: number, k: number) => Bitset {
    const K = this.portClassCount;
    const cache = new Map<number, Bitset>();
    let budget = Math.floor(MATRIX_BUDGET / Math.max(4, wordsFor(this.classCount) * 4));
    return (c, k) => {
      const key = c * K + k;
      let row = cache.get(key);
      if (row === undefined) {
        row = this.destinationClasses(this.classEndpoint(c), k);
        if (budget-- > 0) cache.set(key, row);
      }
      return row;
    };
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
    const reachOf = this.classReach();
    const C = this.classCount;
    const reach = new Bitset(C);
    // Group i reaches group j when some class of i reaches some class of j.
    const row = (gi: WorkloadGroup, i: number): boolean[] => {
      reach.clear();
      for (const a of classes[i] ?? []) reach.or(reachOf(a, k));
      return groups.map((__, j) => {
        if (i === j && singlePod(gi)) return true;
        const targets = classes[j] ?? [];
        if (targets.length === 1) return reach.has(targets[0] as number);
        return targets.some((b) => reach.has(b));
      });
    };
    // The same rows as bits over the groups. A group of one class has its class's row (kept
    // while it fits the budget), so rows cost per class, not per group; each yielded row is a
    // copy the caller owns.
    const G = groups.length;
    const single = classes.map((cs) => (cs.length === 1 ? (cs[0] as number) : -1));
    const index = classGroups(classes, C);
    const bitsOver = (sources: readonly number[]): Bitset => {
      reach.clear();
      for (const a of sources) reach.or(reachOf(a, k));
      return groupsReached(reach, index);
    };
    return {
      traffic: t,
      names: groups.map((g) => g.id),
      rows: {
        *[Symbol.iterator]() {
          for (const [i, gi] of groups.entries()) yield row(gi, i);
        },
      },
      bitRows: {
        *[Symbol.iterator]() {
          const byClass = new Map<number, Bitset>();
          let budget = Math.floor(MATRIX_BUDGET / Math.max(4, wordsFor(G) * 4));
          for (const [i, gi] of groups.entries()) {
            const c = single[i] as number;
            let bits = c >= 0 ? byClass.get(c) : undefined;
            if (bits === undefined) {
              bits = bitsOver(classes[i] ?? []);
              if (c >= 0 && budget-- > 0) byClass.set(c, bits);
            }
            const own = bits.clone();
            if (singlePod(gi)) own.add(i);
            yield own;
          }
        },
      },
    };
  }

  groupedMatrixRows(traffic: Traffic, by: GroupBy): GroupedMatrixRows {
    const t = checkTraffic(traffic);
    const k = this.c.ports.classOf(t.protocol, t.port);
    const groups = this.groups(by);
    const reachOf = this.classReach();
    const C = this.classCount;
    const reachFrom = (sources: readonly number[], into: Bitset): Bitset => {
      into.clear();
      for (const a of sources) into.or(reachOf(a, k));
      return into;
    };
    // Peers with the same classes have the same row and column, except a bare Pod whose
    // classes do not reach themselves: it reaches itself only, so it stays alone.
    const members: string[][] = [];
    const classSets: number[][] = [];
    const diagonal: boolean[] = [];
    const byKey = new Map<string, number>();
    const scratch = new Bitset(C);
    for (const g of groups) {
      const classes = this.classesOf(g).sort((x, y) => x - y);
      const reach = reachFrom(classes, scratch);
      const inner = classes.some((b) => reach.has(b));
      const alone = !inner && g.pods.length === 1 && !this.c.pods[g.pods[0] ?? 0]?.fromTemplate;
      const key = alone ? undefined : classes.join(',');
      const at = key === undefined ? undefined : byKey.get(key);
      if (at !== undefined) {
        members[at]?.push(g.id);
        continue;
      }
      if (key !== undefined) byKey.set(key, members.length);
      members.push([g.id]);
      classSets.push(classes);
      diagonal.push(alone || inner);
    }
    const index = classGroups(classSets, C);
    return {
      traffic: t,
      groups: members,
      rows: {
        *[Symbol.iterator]() {
          const reach = new Bitset(C);
          for (const [i, sources] of classSets.entries()) {
            reachFrom(sources, reach);
            yield classSets.map((targets, j) =>
              i === j ? diagonal[i] === true : targets.some((b) => reach.has(b)),
            );
          }
        },
      },
      bitRows: {
        *[Symbol.iterator]() {
          const reach = new Bitset(C);
          for (const [i, sources] of classSets.entries()) {
            reachFrom(sources, reach);
            const row = groupsReached(reach, index);
            if (diagonal[i] === true) row.add(i);
            else row.delete(i);
            yield row;
          }
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
    const own =
      g < 0
        ? undefined
        : new Bitset(C, this.c.rows.row(rules.setAt(g, k)).words.slice(0, wordsFor(C)));
    // Own-node and host-network peers the plugin never polices (see compile/node-split.ts).
    if (own !== undefined) {
      for (const column of this.c.exempt[direction].columns(at.column)) {
        if (column < C) own.add(column);
      }
    }
    // The admin tiers around the NetworkPolicy answer (Admin before it, Baseline when none).
    const admin =
      at.kind === 'pod' ? this.c.admin?.[direction].side(at.column, k, C, own) : undefined;
    return admin ?? own ?? Bitset.full(C);
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
    const { groupOf, groupCount } = this.c[direction];
    // Classes that always admit `column` (own-node traffic) stay, whatever their rules say.
    const kept = this.c.exempt[direction].classes(column).filter((c) => result.has(c));
    let admits = this.admitsScratch[direction];
    if (admits === undefined) {
      admits = new Uint8Array(groupCount);
      this.admitsScratch[direction] = admits;
    }
    this.c.rows.admitting(this.groupSetsOf(direction, k), column, admits);
    const admin = this.c.admin?.[direction];
    if (admin !== undefined && admin.groupCount > 0) {
      // The admin tiers decide first for the classes they select; per admin group and NP group.
      // NetworkPolicy's answer is its rows, or an own-node exemption.
      const exempt = new Set(kept);
      const verdicts = new Map<number, number>();
      result.forEach((c) => {
        const a = admin.groupOf[c] ?? -1;
        const g = groupOf[c] ?? -1;
        const np = g < 0 || admits[g] === 1 || exempt.has(c);
        if (a < 0) {
          if (!np) result.delete(c);
          return;
        }
        const key = a * (groupCount + 1) + g + 1;
        let verdict = verdicts.get(key);
        if (verdict === undefined) {
          verdict = admin.decideGroup(a, column, k, g >= 0);
          verdicts.set(key, verdict);
        }
        if (!(verdict === ADMIN_NEXT ? np : verdict === ADMIN_ALLOW)) result.delete(c);
      });
      return result;
    }
    dropGroups(result.words, this.groupWordsOf(direction), admits);
    for (const c of kept) result.add(c);
    return result;
  }

  /** The allowed set of each rule group of a direction on port class k, built on first use. */
  private groupSetsOf(direction: 'ingress' | 'egress', k: number): Int32Array {
    const byPort = this.groupSets[direction];
    let sets = byPort[k];
    if (sets === undefined) {
      const { groupCount, setAt } = this.c[direction];
      sets = new Int32Array(groupCount);
      for (let g = 0; g < groupCount; g++) sets[g] = setAt(g, k);
      byPort[k] = sets;
    }
    return sets;
  }

  /** The classes of each rule group of a direction by bitset word, built on first use. */
  private groupWordsOf(direction: 'ingress' | 'egress'): GroupWords {
    let index = this.groupWordIndex[direction];
    if (index === undefined) {
      const { groupOf, groupCount } = this.c[direction];
      index = groupWords(groupOf, groupCount);
      this.groupWordIndex[direction] = index;
    }
    return index;
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
    // Per class, its row over pods: the members of every class it reaches.
    const podBits: (Bitset | undefined)[] = new Array(C);
    let bitsBudget = Math.floor(MATRIX_BUDGET / Math.max(4, wordsFor(P) * 4));
    const classPodBits = (c: number): Bitset => {
      let bits = podBits[c];
      if (bits !== undefined) return bits;
      bits = new Bitset(P);
      const words = bits.words;
      const reached = classRow(c).words;
      // Bit p of the row is bit classOf[p] of the class row: 32 pods per word written, no
      // per-pod branch, so a dense row costs P steps and a sparse one no more.
      for (let w = 0; w < words.length; w++) {
        const base = w << 5;
        const end = Math.min(32, P - base);
        let acc = 0;
        for (let b = 0; b < end; b++) {
          const d = classOf[base + b] as number;
          acc |= (((reached[d >>> 5] as number) >>> (d & 31)) & 1) << b;
        }
        words[w] = acc;
      }
      if (bitsBudget-- > 0) podBits[c] = bits;
      return bits;
    };
    const rowBits = (from: number): Bitset => {
      const c = classOf[from] ?? 0;
      const bits = classPodBits(c);
      // A Pod object always reaches itself; its class row may not include its own class.
      // A copy the caller owns (a few words per 32 pods), so the kept class row stays right.
      const own = bits.clone();
      if (!pods[from]?.fromTemplate) own.add(from);
      return own;
    };
    return {
      traffic: t,
      pods: this.pods,
      rowBits,
      reachable: (from: number): Iterable<number> => setBits(rowBits(from)),
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
    if (this.walk === undefined) {
      const { effective, namespaces } = this.c;
      const labels = new Map(namespaces.map((ns) => [ns.name, ns.labels]));
      const admin =
        (effective.adminPolicies?.length ?? 0) === 0
          ? undefined
          : new AdminWalk(
              effective.adminPolicies ?? [],
              effective.nodes ?? [],
              (name) => labels.get(name) ?? new Map(),
            );
      this.walk = new PolicyWalk(
        namespaces,
        this.c.policies,
        this.c.options,
        admin,
        ownNodeOf(this.c),
      );
    }
    return this.walk;
  }

  with(change: Change): Engine {
    return whatIf(this, this.c, change, (cluster) => compile(cluster, this.options));
  }

  peerConnections(
    subject: readonly Endpoint[],
    others: readonly Endpoint[],
    direction: 'to' | 'from',
    combine: 'all' | 'any',
  ): readonly ConnectionSet[] {
    const targets = subject.map((e) => this.locate(e));
    const peers = others.map((e) => this.locate(e));
    if (targets.length === 0) return Object.freeze(peers.map(() => NONE));
    const K = this.portClassCount;
    const KW = wordsFor(K);
    // Few distinct masks occur: one connection set per mask, shared by the peers that have it.
    const byMask = new Map<string | number, ConnectionSet>();
    const setOf = (mask: Uint32Array): ConnectionSet => {
      const key = KW === 1 ? (mask[0] as number) : mask.join(',');
      let set = byMask.get(key);
      if (set === undefined) {
        set = this.portClassesToSet(new Bitset(K, mask.slice()));
        byMask.set(key, set);
      }
      return set;
    };
    // The batch reads the NetworkPolicy rows; admin tiers and own-node exemptions decide around
    // them class pair by class pair, so with either each distinct pair of columns is asked as
    // canReach asks it.
    const { admin, exempt } = this.c;
    const { columns, masks } =
      admin === undefined && exempt.ingress.size === 0 && exempt.egress.size === 0
        ? peerPortMasks(this.c, targets, peers, { direction, combine })
        : this.columnPairMasks(targets, peers, direction, combine);
    const byColumn = new Map<number, ConnectionSet>();
    for (const [i, column] of columns.entries()) {
      byColumn.set(column, setOf(masks.subarray(i * KW, (i + 1) * KW)));
    }
    // A Pod object paired with itself is always allowed, which its class does not say: a peer
    // that is also a target is answered pair by pair.
    const selves = new Set(
      targets.flatMap((t) => (t.kind === 'pod' && isSelf(t, t) ? [t.index] : [])),
    );
    const pairwise = (peer: Located): ConnectionSet => {
      const mask = new Uint32Array(KW);
      for (let k = 0; k < K; k++) {
        const allowed = (t: Located): boolean =>
          direction === 'to' ? this.allowedByClass(peer, t, k) : this.allowedByClass(t, peer, k);
        if (combine === 'all' ? targets.every(allowed) : targets.some(allowed)) {
          mask[k >>> 5] = (mask[k >>> 5] as number) | (1 << (k & 31));
        }
      }
      return setOf(mask);
    };
    return Object.freeze(
      peers.map((peer) =>
        peer.kind === 'pod' && selves.has(peer.index)
          ? pairwise(peer)
          : (byColumn.get(peer.column) ?? NONE),
      ),
    );
  }

  /**
   * {@link peerPortMasks}' answer asked of `allowedByClass`: one mask per distinct column of the
   * peers, over the distinct columns of the targets (as classes: never a pod to itself).
   */
  private columnPairMasks(
    targets: readonly Located[],
    peers: readonly Located[],
    direction: 'to' | 'from',
    combine: 'all' | 'any',
  ): { readonly columns: readonly number[]; readonly masks: Uint32Array } {
    const K = this.portClassCount;
    const KW = wordsFor(K);
    const distinct = (list: readonly Located[]): Located[] =>
      [...new Map(list.map((l) => [l.column, l])).values()].map((l) =>
        l.kind === 'pod' ? this.classEndpoint(l.column) : l,
      );
    const ends = distinct(targets);
    const columns = distinct(peers);
    const masks = new Uint32Array(columns.length * KW);
    for (const [i, peer] of columns.entries()) {
      for (let k = 0; k < K; k++) {
        const allowed = (t: Located): boolean =>
          direction === 'to' ? this.allowedByClass(peer, t, k) : this.allowedByClass(t, peer, k);
        if (combine === 'all' ? ends.every(allowed) : ends.some(allowed)) {
          masks[i * KW + (k >>> 5)] = (masks[i * KW + (k >>> 5)] as number) | (1 << (k & 31));
        }
      }
    }
    return { columns: columns.map((c) => c.column), masks };
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

/** The indexes of the set bits of a bitset, ascending. */
function* setBits(bits: Bitset): Generator<number, void, undefined> {
  for (let i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) yield i;
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
  return new CompiledEngine(compileCluster(cluster, profileSemantics(options)));
}
