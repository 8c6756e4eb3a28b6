import { BitMatrix, Bitset } from '../bitset/index.js';
import type {
  Cluster,
  Namespace,
  Pod,
  PortRange,
  Protocol,
  SemanticsOptions,
} from '../model/index.js';
import { NAMESPACE_NAME_LABEL } from '../model/index.js';
import { IpAtoms, IpSet, parseIp } from '../net/index.js';
import { LabelIndex } from '../select/index.js';
import type { PodClasses } from './pod-classes.js';
import { groupPodClasses, namedPortKey } from './pod-classes.js';
import type { PeerIR, PolicyIR, PortIR, RuleIR } from './policy-ir.js';
import { normalizePolicy } from './policy-ir.js';
import type { PortClasses } from './port-classes.js';
import { buildPortClasses } from './port-classes.js';

/**
 * Allowed-peer matrices of one direction, one per port class. Ingress is destination-major
 * (row = destination class, columns = sources), egress source-major (row = source class,
 * columns = destinations); columns `0..C-1` are pod classes and `C..C+A-1` IP atoms (addresses
 * outside every pod). Rows of pods that are not isolated are never filled: they are implicit.
 */
export interface DirectionMatrices {
  /** Classes some policy of this direction selects. */
  readonly isolated: Bitset;
  /** One matrix per port class. */
  readonly byPortClass: readonly BitMatrix[];
}

/** Everything the engine needs, computed once from a cluster. Immutable after construction. */
export interface CompiledCluster {
  readonly options: SemanticsOptions;
  readonly cluster: Cluster;
  /** Pods sorted by (namespace, name); a pod's index is its position here. */
  readonly pods: readonly Pod[];
  readonly podIndex: ReadonlyMap<string, number>;
  readonly namespaces: readonly Namespace[];
  readonly namespaceOfPod: Int32Array;
  readonly policies: readonly PolicyIR[];
  readonly classes: PodClasses;
  readonly ipAtoms: IpAtoms;
  readonly ports: PortClasses;
  /** Width of a matrix row: pod classes, then IP atoms. */
  readonly width: number;
  readonly ingress: DirectionMatrices;
  readonly egress: DirectionMatrices;
}

function byNamespaceAndName(a: { namespace: string; name: string }, b: typeof a): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function ipBlockKey(peer: { cidr: string; except: readonly string[] }): string {
  return `${peer.cidr}|${peer.except.join(',')}`;
}

/** The addresses an ipBlock peer matches: its CIDR without the `except` CIDRs. */
function ipBlockSet(peer: { cidr: string; except: readonly string[] }): IpSet {
  let set = IpSet.fromCidr(peer.cidr);
  for (const except of peer.except) set = set.difference(IpSet.fromCidr(except));
  return set;
}

function* allRules(policies: readonly PolicyIR[]): Iterable<RuleIR> {
  for (const policy of policies) {
    yield* policy.ingress;
    yield* policy.egress;
  }
}

function* allPeers(policies: readonly PolicyIR[]): Iterable<PeerIR> {
  for (const rule of allRules(policies)) if (rule.peers !== 'all') yield* rule.peers;
}

function* allPorts(policies: readonly PolicyIR[]): Iterable<PortIR> {
  for (const rule of allRules(policies)) if (rule.ports !== 'all') yield* rule.ports;
}

/**
 * Compiles a cluster: indexes labels, groups pods into classes, cuts ports and addresses into
 * atoms, and fills the per-port-class allowed matrices of both directions.
 */
export function compileCluster(cluster: Cluster, options: SemanticsOptions): CompiledCluster {
  const pods = [...cluster.pods].sort(byNamespaceAndName);
  const podIndex = new Map<string, number>();
  pods.forEach((pod, i) => {
    podIndex.set(`${pod.namespace}/${pod.name}`, i);
  });

  // Every namespace a pod lives in exists, with its name label, even if the input forgot it.
  const namespaceList = [...cluster.namespaces];
  const known = new Set(namespaceList.map((ns) => ns.name));
  for (const pod of pods) {
    if (!known.has(pod.namespace)) {
      known.add(pod.namespace);
      namespaceList.push({
        name: pod.namespace,
        labels: new Map([[NAMESPACE_NAME_LABEL, pod.namespace]]),
        synthesized: true,
      });
    }
  }
  const namespaces = namespaceList.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const namespaceIndex = new Map(namespaces.map((ns, i) => [ns.name, i] as const));
  const namespaceOfPod = Int32Array.from(pods, (pod) => namespaceIndex.get(pod.namespace) ?? 0);

  const policies = [...cluster.policies].sort(byNamespaceAndName).map(normalizePolicy);

  // IP atoms: the address space cut at every ipBlock boundary.
  const blockSets = new Map<string, IpSet>();
  for (const peer of allPeers(policies)) {
    if (peer.kind === 'ipBlock' && !blockSets.has(ipBlockKey(peer))) {
      blockSets.set(ipBlockKey(peer), ipBlockSet(peer));
    }
  }
  const ipAtoms = IpAtoms.fromSets(blockSets.values());

  // An ipBlock matches a pod by its IP only when the plugin is assumed to do so.
  const podAtoms = (pod: Pod): number[] => {
    if (!options.ipBlockMatchesPods) return [];
    const atoms: number[] = [];
    for (const ip of pod.ips) {
      const parsed = parseIp(ip);
      if (parsed) atoms.push(ipAtoms.atomOf(parsed));
    }
    return atoms;
  };

  const usedNamedPorts = new Set<string>();
  for (const port of allPorts(policies)) {
    if (port.kind === 'named') usedNamedPorts.add(namedPortKey(port.name, port.protocol));
  }

  const classes = groupPodClasses(pods, namespaceOfPod, usedNamedPorts, podAtoms);
  const C = classes.count;
  const A = ipAtoms.count;
  const width = C + A;
  const repOf = (c: number): Pod => pods[classes.representative[c] ?? 0] as Pod;

  // Ports: every numeric range a rule uses, and every port a used name resolves to on a pod.
  const ranges = new Map<Protocol, PortRange[]>();
  for (const port of allPorts(policies)) {
    if (port.kind === 'range') {
      const list = ranges.get(port.protocol) ?? [];
      list.push([port.first, port.last]);
      ranges.set(port.protocol, list);
    }
  }
  const namedTargets = new Map<Protocol, number[]>();
  for (let c = 0; c < C; c++) {
    for (const port of repOf(c).ports) {
      if (port.name !== undefined && usedNamedPorts.has(namedPortKey(port.name, port.protocol))) {
        const list = namedTargets.get(port.protocol) ?? [];
        list.push(port.containerPort);
        namedTargets.set(port.protocol, list);
      }
    }
  }
  const ports = buildPortClasses({ ranges, namedTargets });
  const K = ports.count;

  // Label indexes over class representatives and namespaces.
  const classLabels = new LabelIndex(Array.from({ length: C }, (_, c) => repOf(c).labels));
  const namespaceLabels = new LabelIndex(namespaces.map((ns) => ns.labels));
  const classNamespace = Int32Array.from({ length: C }, (_, c) => {
    return namespaceOfPod[classes.representative[c] ?? 0] ?? 0;
  });
  const classesInNamespace = namespaces.map(() => new Bitset(C));
  for (let c = 0; c < C; c++) classesInNamespace[classNamespace[c] ?? 0]?.add(c);

  // Per IP atom, the classes with an address in it (empty unless ipBlocks match pods).
  const classesInAtom = new Map<number, number[]>();
  for (let c = 0; c < C; c++) {
    for (const atom of new Set(podAtoms(repOf(c)))) {
      const list = classesInAtom.get(atom) ?? [];
      list.push(c);
      classesInAtom.set(atom, list);
    }
  }

  const toRow = (classSet: Bitset): Bitset => {
    const row = new Bitset(width);
    row.words.set(classSet.words);
    return row;
  };

  // The classes a namespace selector (or the policy's own namespace) covers.
  const classesInNamespaces = (policy: PolicyIR, peer: PeerIR & { kind: 'pods' }): Bitset => {
    if (peer.namespaceSelector === undefined) {
      return (
        classesInNamespace[namespaceIndex.get(policy.namespace) ?? -1] ?? new Bitset(C)
      ).clone();
    }
    const selected = namespaceLabels.select(peer.namespaceSelector);
    const result = new Bitset(C);
    if (selected.count() === namespaces.length) return result.fill();
    for (let c = 0; c < C; c++) if (selected.has(classNamespace[c] ?? 0)) result.add(c);
    return result;
  };

  const peerCache = new Map<PeerIR, Bitset>();
  const peerRow = (policy: PolicyIR, peer: PeerIR): Bitset => {
    const cached = peerCache.get(peer);
    if (cached) return cached;
    let row: Bitset;
    if (peer.kind === 'pods') {
      // Both selectors in one peer are ANDed: pods matching podSelector in namespaces
      // matching namespaceSelector. podSelector alone means the policy's own namespace.
      const set = classesInNamespaces(policy, peer);
      if (peer.podSelector !== undefined) set.and(classLabels.select(peer.podSelector));
      row = toRow(set);
    } else {
      // An ipBlock matches the addresses of its CIDR minus `except`: every atom inside it,
      // and the pods whose IPs fall in those atoms (when ipBlocks match pods).
      row = new Bitset(width);
      for (const atom of ipAtoms.atomsOf(blockSets.get(ipBlockKey(peer)) ?? IpSet.EMPTY)) {
        row.add(C + atom);
        for (const c of classesInAtom.get(atom) ?? []) row.add(c);
      }
    }
    peerCache.set(peer, row);
    return row;
  };

  // A rule's peers: the union of its peers' matches; no peers means every class and address.
  const ruleRow = (policy: PolicyIR, rule: RuleIR): Bitset => {
    if (rule.peers === 'all') return Bitset.full(width);
    const row = new Bitset(width);
    for (const peer of rule.peers) row.or(peerRow(policy, peer));
    return row;
  };

  // The destination classes where a named port resolves into each port class, as row masks.
  const namedDestinations = new Map<string, Map<number, Bitset>>();
  for (const key of usedNamedPorts) namedDestinations.set(key, new Map());
  for (let c = 0; c < C; c++) {
    for (const port of repOf(c).ports) {
      if (port.name === undefined) continue;
      const byClass = namedDestinations.get(namedPortKey(port.name, port.protocol));
      if (!byClass) continue;
      const k = ports.classOf(port.protocol, port.containerPort);
      let mask = byClass.get(k);
      if (!mask) {
        mask = new Bitset(width);
        byClass.set(k, mask);
      }
      mask.add(c);
    }
  }

  const ingress = newDirection(C, width, K);
  const egress = newDirection(C, width, K);

  for (const policy of policies) {
    const selected = classLabels.select(policy.podSelector);
    selected.and(classesInNamespace[namespaceIndex.get(policy.namespace) ?? -1] ?? new Bitset(C));
    if (selected.isEmpty()) continue;

    // A pod selected by a policy of a direction is isolated in that direction; what it may do
    // is then the union of the rules of every policy selecting it.
    if (policy.affectsIngress) {
      ingress.isolated.or(selected);
      for (const rule of policy.ingress) {
        const row = ruleRow(policy, rule);
        const numeric = rule.ports === 'all' ? ports.all : ports.maskOf(rule.ports);
        const named = rule.ports === 'all' ? [] : rule.ports.filter((p) => p.kind === 'named');
        selected.forEach((d) => {
          const mask = numeric.clone();
          // Named ports of an ingress rule resolve on the destination: the selected pod.
          for (const entry of named) {
            for (const port of repOf(d).ports) {
              if (port.name === entry.name && port.protocol === entry.protocol) {
                mask.add(ports.classOf(port.protocol, port.containerPort));
              }
            }
          }
          mask.forEach((k) => {
            ingress.byPortClass[k]?.row(d).or(row);
          });
        });
      }
    }
    if (policy.affectsEgress) {
      egress.isolated.or(selected);
      for (const rule of policy.egress) {
        const row = ruleRow(policy, rule);
        const numeric = rule.ports === 'all' ? ports.all : ports.maskOf(rule.ports);
        // Named ports of an egress rule resolve on each destination pod; addresses have none.
        const namedRows: [number, Bitset][] = [];
        if (rule.ports !== 'all') {
          for (const entry of rule.ports) {
            if (entry.kind !== 'named') continue;
            const byClass = namedDestinations.get(namedPortKey(entry.name, entry.protocol));
            for (const [k, destinations] of byClass ?? []) {
              const restricted = row.clone().and(destinations);
              if (!restricted.isEmpty()) namedRows.push([k, restricted]);
            }
          }
        }
        selected.forEach((s) => {
          numeric.forEach((k) => {
            egress.byPortClass[k]?.row(s).or(row);
          });
          for (const [k, restricted] of namedRows) egress.byPortClass[k]?.row(s).or(restricted);
        });
      }
    }
  }

  return {
    options,
    cluster,
    pods,
    podIndex,
    namespaces,
    namespaceOfPod,
    policies,
    classes,
    ipAtoms,
    ports,
    width,
    ingress,
    egress,
  };
}

function newDirection(
  classes: number,
  width: number,
  portClasses: number,
): {
  isolated: Bitset;
  byPortClass: BitMatrix[];
} {
  return {
    isolated: new Bitset(classes),
    byPortClass: Array.from({ length: portClasses }, () => new BitMatrix(classes, width)),
  };
}
