import { Bitset } from '../bitset/index.js';
import { buildPodTable, ipBlockKey, ipBlockSet } from '../compile/index.js';
import type {
  Cluster,
  LabelSelector,
  Namespace,
  NetworkPolicy,
  Peer,
  Pod,
  PolicyRule,
  SemanticsOptions,
} from '../model/index.js';
import { compareByNamespaceAndName } from '../model/index.js';
import type { IpAddress, IpSet } from '../net/index.js';
import { parseIp } from '../net/index.js';
import type { Engine } from '../query/index.js';
import { LabelIndex } from '../select/index.js';
import type { Finding, FindingObject, LintCode, LintSeverity } from './types.js';

/** A policy direction, spelled as in the rule lists (`spec.ingress` / `spec.egress`). */
export type Direction = 'ingress' | 'egress';

export const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** One rule of a policy, with where it sits. Only rules of directions the policy affects. */
export interface RuleSite {
  readonly policy: number;
  readonly direction: Direction;
  readonly index: number;
  readonly rule: PolicyRule;
}

/** Everything the checks share, computed once per `lint` call. */
export interface LintContext {
  readonly cluster: Cluster;
  readonly engine: Engine;
  readonly semantics: SemanticsOptions;
  /** Pods sorted by (namespace, name), the engine's order. */
  readonly pods: readonly Pod[];
  /** The namespaces of the input plus those inferred from pods, sorted by name. */
  readonly namespaces: readonly Namespace[];
  /** Whether some Namespace object was given (so namespace labels are known). */
  readonly namespaceObjects: boolean;
  readonly namespaceIndex: ReadonlyMap<string, number>;
  /** Namespace index of each pod. */
  readonly namespaceOfPod: Int32Array;
  /** Pods of each namespace, by namespace index. */
  readonly podsIn: readonly Bitset[];
  /** Pods policies can select (all but hostNetwork pods when those count as the node). */
  readonly selectable: Bitset;
  /** 1 for each pod that is node traffic (a hostNetwork pod counted as the node), else 0. */
  readonly nodeTraffic: Uint8Array;
  /** Policies sorted by (namespace, name). */
  readonly policies: readonly NetworkPolicy[];
  /** The pods each policy selects, by policy index. */
  readonly selected: readonly Bitset[];
  /** Every rule of a direction its policy affects, in policy then rule order. */
  readonly rules: readonly RuleSite[];
  /** The pods a peer of a policy's rule matches (ipBlock: pods whose IPs it holds, if any). */
  peerPods(policy: NetworkPolicy, peer: Peer): Bitset;
  /** The namespaces a namespace selector selects, as namespace indexes. */
  selectNamespaces(selector: LabelSelector): Bitset;
  /** The addresses of an ipBlock: its CIDR without the `except` blocks. */
  blockSet(peer: Peer & { kind: 'ipBlock' }): IpSet;
  /** The pods holding an address in the set (whatever the semantics option says). */
  podsWithAddressIn(set: IpSet): number[];
}

/** Whether a policy acts on a direction: `policyTypes` lists it (already defaulted). */
export function affects(policy: NetworkPolicy, direction: Direction): boolean {
  return policy.policyTypes.includes(direction === 'ingress' ? 'Ingress' : 'Egress');
}

/** `from` for ingress rules, `to` for egress rules. */
export function peersKey(direction: Direction): 'from' | 'to' {
  return direction === 'ingress' ? 'from' : 'to';
}

/** `spec.ingress[2]`. */
export function rulePath(direction: Direction, index: number): string {
  return `spec.${direction}[${index}]`;
}

/** `spec.ingress[2].from[1]`. */
export function peerPath(direction: Direction, rule: number, peer: number): string {
  return `${rulePath(direction, rule)}.${peersKey(direction)}[${peer}]`;
}

/** `ingress` / `egress` as people say it in a sentence. */
export function directionWord(direction: Direction): string {
  return direction;
}

/** `Ingress` / `Egress` as `policyTypes` spells it. */
export function policyType(direction: Direction): 'Ingress' | 'Egress' {
  return direction === 'ingress' ? 'Ingress' : 'Egress';
}

/** A pod's name as the CLI spells an endpoint: `namespace/name`. */
export function podName(pod: Pod): string {
  return `${pod.namespace}/${pod.name}`;
}

/** Up to `max` names, then `and N more`. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** `1 pod`, `2 pods`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function policyObject(policy: NetworkPolicy): FindingObject {
  return { kind: 'NetworkPolicy', namespace: policy.namespace, name: policy.name };
}

export function namespaceObject(namespace: Namespace | string): FindingObject {
  return { kind: 'Namespace', name: typeof namespace === 'string' ? namespace : namespace.name };
}

/** Builds a finding about a policy, with its source. */
export function policyFinding(
  code: LintCode,
  severity: LintSeverity,
  policy: NetworkPolicy,
  path: string,
  message: string,
  hint: string,
): Finding {
  return {
    code,
    severity,
    object: policyObject(policy),
    path,
    message,
    hint,
    ...(policy.source ? { source: policy.source } : {}),
  };
}

/** Builds a finding about a namespace, with its source when it was given as an object. */
export function namespaceFinding(
  code: LintCode,
  severity: LintSeverity,
  namespace: Namespace,
  message: string,
  hint: string,
): Finding {
  return {
    code,
    severity,
    object: namespaceObject(namespace),
    path: '',
    message,
    hint,
    ...(namespace.source ? { source: namespace.source } : {}),
  };
}

/** Sorted addresses of one family, with the pod each belongs to. */
interface AddressTable {
  readonly values: bigint[];
  readonly pods: number[];
}

function lowerBound(values: readonly bigint[], x: bigint): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as bigint) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Computes the shared indexes. `engine` must come from the same cluster. */
export function createContext(cluster: Cluster, engine: Engine): LintContext {
  // The compiler's namespaces stage: pods in engine order, every namespace a pod lives in.
  const table = buildPodTable(cluster, engine.options);
  const { pods, namespaces, namespaceIndex, namespaceOfPod, nodeTraffic } = table;

  const podLabels = new LabelIndex(pods.map((pod) => pod.labels));
  const namespaceLabels = new LabelIndex(namespaces.map((ns) => ns.labels));
  const empty = new Bitset(pods.length);
  const podsIn = namespaces.map(() => empty.clone());
  pods.forEach((_, i) => {
    podsIn[namespaceOfPod[i] ?? -1]?.add(i);
  });
  const podsInNamespace = (name: string): Bitset => podsIn[namespaceIndex.get(name) ?? -1] ?? empty;

  // With hostNetworkPods 'node', a hostNetwork pod is node traffic to the plugin: no policy
  // selects it, as subject or as peer (ipBlocks still match its IP).
  const selectable = empty.clone();
  pods.forEach((_, i) => {
    if (nodeTraffic[i] !== 1) selectable.add(i);
  });

  const policies = [...cluster.policies].sort(compareByNamespaceAndName);
  const selected = policies.map((policy) =>
    podLabels.select(policy.podSelector).and(podsInNamespace(policy.namespace)).and(selectable),
  );

  const rules: RuleSite[] = [];
  policies.forEach((policy, p) => {
    for (const direction of DIRECTIONS) {
      if (!affects(policy, direction)) continue;
      policy[direction].forEach((rule, index) => {
        rules.push({ policy: p, direction, index, rule });
      });
    }
  });

  // Pod addresses, sorted per family, for ipBlock lookups.
  const tables: Record<4 | 6, AddressTable> = {
    4: { values: [], pods: [] },
    6: { values: [], pods: [] },
  };
  const entries: { ip: IpAddress; pod: number }[] = [];
  pods.forEach((pod, i) => {
    for (const text of pod.ips) {
      const ip = parseIp(text);
      if (ip) entries.push({ ip, pod: i });
    }
  });
  entries.sort((a, b) => (a.ip.value < b.ip.value ? -1 : a.ip.value > b.ip.value ? 1 : 0));
  for (const { ip, pod } of entries) {
    tables[ip.family].values.push(ip.value);
    tables[ip.family].pods.push(pod);
  }

  const blockSets = new Map<string, IpSet>();
  const blockSet = (peer: Peer & { kind: 'ipBlock' }): IpSet => {
    const key = ipBlockKey(peer);
    let set = blockSets.get(key);
    if (set === undefined) {
      set = ipBlockSet(peer);
      blockSets.set(key, set);
    }
    return set;
  };

  const podsWithAddressIn = (set: IpSet): number[] => {
    const found = new Set<number>();
    for (const family of [4, 6] as const) {
      const table = tables[family];
      for (const [a, b] of set.ranges(family)) {
        for (let i = lowerBound(table.values, a); i < table.values.length; i++) {
          if ((table.values[i] as bigint) > b) break;
          found.add(table.pods[i] as number);
        }
      }
    }
    return [...found].sort((x, y) => x - y);
  };

  const selectNamespaces = (selector: LabelSelector): Bitset => namespaceLabels.select(selector);

  const peerCache = new Map<Peer, Bitset>();
  const peerPods = (policy: NetworkPolicy, peer: Peer): Bitset => {
    const cached = peerCache.get(peer);
    if (cached) return cached;
    let result: Bitset;
    if (peer.kind === 'ipBlock') {
      result = empty.clone();
      for (const i of podsWithAddressIn(blockSet(peer))) result.add(i);
    } else {
      // namespaceSelector picks namespaces (all of them when empty); without it, only the
      // policy's own namespace. Both selectors in one peer are ANDed.
      if (peer.namespaceSelector === undefined) {
        result = podsInNamespace(policy.namespace).clone();
      } else {
        result = empty.clone();
        selectNamespaces(peer.namespaceSelector).forEach((n) => {
          const inNamespace = podsIn[n];
          if (inNamespace) result.or(inNamespace);
        });
      }
      if (peer.podSelector !== undefined) result.and(podLabels.select(peer.podSelector));
      result.and(selectable);
    }
    peerCache.set(peer, result);
    return result;
  };

  return {
    cluster,
    engine,
    semantics: engine.options,
    pods,
    namespaces,
    namespaceObjects: namespaces.some((ns) => !ns.synthesized),
    namespaceIndex,
    namespaceOfPod,
    podsIn,
    selectable,
    nodeTraffic,
    policies,
    selected,
    rules,
    peerPods,
    selectNamespaces,
    blockSet,
    podsWithAddressIn,
  };
}
