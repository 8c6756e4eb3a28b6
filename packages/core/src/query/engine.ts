import { BitMatrix, Bitset } from '../bitset/index.js';
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
import { formatPodRef, isAddress, MAX_PORT, PROTOCOLS, resolveSemantics } from '../model/index.js';
import { formatIp, PortSet, parseIp } from '../net/index.js';
import type { ResolvedEndpoint } from './explain.js';
import { explainPair, isolatingPolicies } from './explain.js';
import type {
  AddressRange,
  Connection,
  Connectivity,
  Engine,
  EngineStats,
  Explanation,
  GroupBy,
  GroupMatrix,
  PolicyRef,
  ReachabilityMatrix,
} from './types.js';
import type { WorkloadGroup } from './workloads.js';
import { groupByPod, groupByWorkload } from './workloads.js';

/** A resolved endpoint plus its column/row in the matrices. */
type Located = ResolvedEndpoint & { readonly column: number };

function checkTraffic(traffic: Traffic): Required<Traffic> {
  const protocol = traffic.protocol ?? 'TCP';
  if (!PROTOCOLS.includes(protocol)) {
    throw new ReachError('invalid-traffic', `protocol must be TCP, UDP or SCTP, got ${protocol}`);
  }
  if (!Number.isInteger(traffic.port) || traffic.port < 1 || traffic.port > MAX_PORT) {
    throw new ReachError(
      'invalid-traffic',
      `port must be an integer from 1 to 65535, got ${traffic.port}`,
    );
  }
  return { port: traffic.port, protocol };
}

class CompiledEngine implements Engine {
  readonly pods: readonly PodRef[];
  readonly options: SemanticsOptions;
  readonly stats: EngineStats;
  private readonly c: CompiledCluster;
  private readonly classCount: number;

  constructor(compiled: CompiledCluster) {
    this.c = compiled;
    this.options = compiled.options;
    this.classCount = compiled.classes.count;
    this.pods = compiled.pods.map((pod) => ({ namespace: pod.namespace, name: pod.name }));
    let matrixBytes = 0;
    for (const m of [...compiled.ingress.byPortClass, ...compiled.egress.byPortClass]) {
      matrixBytes += m.byteLength;
    }
    this.stats = {
      pods: compiled.pods.length,
      namespaces: compiled.namespaces.length,
      policies: compiled.policies.length,
      podClasses: compiled.classes.count,
      portClasses: compiled.ports.count,
      ipAtoms: compiled.ipAtoms.count,
      matrixBytes,
    };
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
    const { ingress, egress } = this.c;
    const egressOk =
      from.kind === 'address' ||
      !egress.isolated.has(from.column) ||
      (egress.byPortClass[k]?.get(from.column, to.column) ?? false);
    if (!egressOk) return false;
    return (
      to.kind === 'address' ||
      !ingress.isolated.has(to.column) ||
      (ingress.byPortClass[k]?.get(to.column, from.column) ?? false)
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
    const { ports } = this.c;
    const byProtocol = new Map<Protocol, PortRange[]>();
    let allowedClasses = 0;
    for (let k = 0; k < ports.count; k++) {
      if (!this.allowedByClass(a, b, k)) continue;
      allowedClasses++;
      const protocol = ports.protocolOf[k] as Protocol;
      const list = byProtocol.get(protocol) ?? [];
      list.push(...(ports.rangesOf[k] ?? []));
      byProtocol.set(protocol, list);
    }
    if (allowedClasses === ports.count) return 'all';
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

  private atomEndpoint(atom: number): Located {
    const a = this.c.ipAtoms.atom(atom);
    return {
      kind: 'address',
      address: { family: a.family, value: a.first },
      column: this.classCount + atom,
    };
  }

  groups(by: GroupBy): readonly WorkloadGroup[] {
    return by === 'pod' ? groupByPod(this.c.pods) : groupByWorkload(this.c.cluster, this.c.pods);
  }

  private classesOf(group: WorkloadGroup): number[] {
    const { classOf } = this.c.classes;
    return [...new Set(group.pods.map((p) => classOf[p] ?? 0))];
  }

  connectivity(by: GroupBy): Connectivity {
    const groups = this.groups(by);
    const classes = groups.map((g) => this.classesOf(g));
    const cache = new Map<string, ConnectionSet>();
    const between = (a: Located, b: Located): ConnectionSet => {
      const key = `${a.column},${b.column}`;
      let set = cache.get(key);
      if (set === undefined) {
        set = this.connectionSet(a, b);
        cache.set(key, set);
      }
      return set;
    };
    const connections: Connection[] = [];
    const add = (from: string, to: string, sets: ConnectionSet[]): void => {
      const allowed = unionConnectionSets(sets);
      if (allowed === 'all' || Object.keys(allowed).length > 0)
        connections.push({ from, to, allowed });
    };
    const atoms = this.addressRanges();
    groups.forEach((from, i) => {
      groups.forEach((to, j) => {
        if (i === j) return;
        const sets: ConnectionSet[] = [];
        for (const a of classes[i] ?? []) {
          for (const b of classes[j] ?? [])
            sets.push(between(this.classEndpoint(a), this.classEndpoint(b)));
        }
        add(from.id, to.id, sets);
      });
      atoms.forEach((range, atom) => {
        const sets = (classes[i] ?? []).map((a) =>
          between(this.classEndpoint(a), this.atomEndpoint(atom)),
        );
        add(from.id, range.text, sets);
      });
    });
    atoms.forEach((range, atom) => {
      groups.forEach((to, j) => {
        const sets = (classes[j] ?? []).map((b) =>
          between(this.atomEndpoint(atom), this.classEndpoint(b)),
        );
        add(range.text, to.id, sets);
      });
    });
    return { peers: groups.map((g) => g.id), connections };
  }

  groupMatrix(traffic: Traffic, by: GroupBy): GroupMatrix {
    const t = checkTraffic(traffic);
    const k = this.c.ports.classOf(t.protocol, t.port);
    const groups = this.groups(by);
    const classes = groups.map((g) => this.classesOf(g));
    // A bare Pod reaches itself; a workload's diagonal is replica to replica (policies decide).
    const singlePod = (g: WorkloadGroup): boolean =>
      g.pods.length === 1 && !this.c.pods[g.pods[0] ?? 0]?.fromTemplate;
    const allowed = groups.map((gi, i) =>
      groups.map(
        (__, j) =>
          (i === j && singlePod(gi)) ||
          (classes[i] ?? []).some((a) =>
            (classes[j] ?? []).some((b) =>
              this.allowedByClass(this.classEndpoint(a), this.classEndpoint(b), k),
            ),
          ),
      ),
    );
    return { traffic: t, names: groups.map((g) => g.id), allowed };
  }

  /** Destination classes (and atoms) reachable from a located source on port class k. */
  private destinationClasses(from: Located, k: number): Bitset {
    const { ingress, egress } = this.c;
    const C = this.classCount;
    const result = new Bitset(C);
    const egressRow =
      from.kind === 'pod' && egress.isolated.has(from.column)
        ? egress.byPortClass[k]?.row(from.column)
        : undefined;
    const ingressMatrix = ingress.byPortClass[k];
    for (let d = 0; d < C; d++) {
      if (egressRow && !egressRow.has(d)) continue;
      if (ingress.isolated.has(d) && !(ingressMatrix?.get(d, from.column) ?? false)) continue;
      result.add(d);
    }
    return result;
  }

  /** Source classes that reach a located destination on port class k. */
  private sourceClasses(to: Located, k: number): Bitset {
    const { ingress, egress } = this.c;
    const C = this.classCount;
    const result = new Bitset(C);
    const ingressRow =
      to.kind === 'pod' && ingress.isolated.has(to.column)
        ? ingress.byPortClass[k]?.row(to.column)
        : undefined;
    const egressMatrix = egress.byPortClass[k];
    for (let s = 0; s < C; s++) {
      if (ingressRow && !ingressRow.has(s)) continue;
      if (egress.isolated.has(s) && !(egressMatrix?.get(s, to.column) ?? false)) continue;
      result.add(s);
    }
    return result;
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
    const { classOf, representative, start, members } = this.c.classes;
    const byClass = new BitMatrix(C, C);
    for (let s = 0; s < C; s++) {
      const pod = this.c.pods[representative[s] ?? 0];
      if (!pod) continue;
      byClass
        .row(s)
        .copyFrom(this.destinationClasses({ kind: 'pod', index: -1, pod, column: s }, k));
    }
    const pods = this.pods;
    return {
      traffic: t,
      pods,
      allowed: (from: number, to: number): boolean =>
        (from === to && !this.c.pods[from]?.fromTemplate) ||
        byClass.get(classOf[from] ?? 0, classOf[to] ?? 0),
      row: (from: number): readonly number[] => {
        const out: number[] = [];
        byClass.row(classOf[from] ?? 0).forEach((c) => {
          for (let i = start[c] ?? 0; i < (start[c + 1] ?? 0); i++) out.push(members[i] ?? 0);
        });
        if (!out.includes(from) && !this.c.pods[from]?.fromTemplate) out.push(from);
        return out.sort((x, y) => x - y);
      },
    };
  }

  explain(from: Endpoint, to: Endpoint, traffic: Traffic): Explanation {
    const t = checkTraffic(traffic);
    return explainPair(this.c, this.locate(from), this.locate(to), from, to, t);
  }

  isolation(pod: PodRef, direction: 'ingress' | 'egress'): readonly PolicyRef[] {
    const located = this.locate(pod);
    if (located.kind !== 'pod') return [];
    return isolatingPolicies(this.c, located.pod, direction);
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

/** The union of connection sets: `'all'` when every port of every protocol is covered. */
function unionConnectionSets(sets: readonly ConnectionSet[]): ConnectionSet {
  if (sets.includes('all')) return 'all';
  const result: { [P in Protocol]?: readonly PortRange[] } = {};
  let full = true;
  for (const protocol of PROTOCOLS) {
    const ranges = PortSet.of(sets.flatMap((s) => (s === 'all' ? [] : (s[protocol] ?? []))));
    if (!ranges.isAll()) full = false;
    if (!ranges.isEmpty()) result[protocol] = ranges.ranges;
  }
  return full ? 'all' : result;
}

/**
 * Compiles a cluster into an {@link Engine}: label indexes, pod classes, port and IP atoms, and
 * the per-port-class allowed matrices of both directions.
 *
 * @param cluster - a cluster from `parseCluster` / `loadCluster`
 * @param options - plugin-defined behaviours; see `SemanticsOptions` for the defaults
 * @returns an immutable engine
 * @example
 * ```ts
 * const engine = compile(loadCluster(yamlText));
 * engine.canReach({ namespace: 'shop', name: 'deployment/api' },
 *                 { namespace: 'shop', name: 'statefulset/db' }, { port: 5432 });
 * ```
 */
export function compile(cluster: Cluster, options?: Partial<SemanticsOptions>): Engine {
  return new CompiledEngine(compileCluster(cluster, resolveSemantics(options)));
}
