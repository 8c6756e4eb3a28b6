import type { Pod, Protocol } from '../model/index.js';

/** A named-port key: the name and protocol a policy port entry asks for. */
export function namedPortKey(name: string, protocol: Protocol): string {
  return `${protocol}/${name}`;
}

/**
 * Pods that no policy can tell apart, grouped: the same namespace, the same labels, the same
 * numbers behind every named port some policy uses, and the same IP atoms. Like Cilium's
 * identities, this keeps the matrices proportional to classes², not pods².
 */
export interface PodClasses {
  readonly count: number;
  /** Class of each pod, by pod index. */
  readonly classOf: Int32Array;
  /** A representative pod index per class (its first pod). */
  readonly representative: Int32Array;
  /** Pods of class `c` are `members[start[c] .. start[c + 1])`, in ascending pod order. */
  readonly start: Int32Array;
  readonly members: Int32Array;
}

/**
 * Interns label pairs and named-port resolutions to small integers, so that a pod's class key is
 * a short list of numbers rather than its labels spelled out.
 */
class PairIds {
  private readonly byKey = new Map<string, Map<string, number>>();
  private next = 1;

  id(key: string, value: string): number {
    let values = this.byKey.get(key);
    if (values === undefined) {
      values = new Map();
      this.byKey.set(key, values);
    }
    let id = values.get(value);
    if (id === undefined) {
      id = this.next++;
      values.set(value, id);
    }
    return id;
  }
}

function sameLabels(a: Pod, b: Pod): boolean {
  if (a.labels === b.labels) return true;
  if (a.labels.size !== b.labels.size) return false;
  for (const [key, value] of a.labels) if (b.labels.get(key) !== value) return false;
  return true;
}

/** Same container ports in the same order (a stricter test than the class key needs). */
function samePorts(a: Pod, b: Pod): boolean {
  if (a.ports === b.ports) return true;
  if (a.ports.length !== b.ports.length) return false;
  for (let i = 0; i < a.ports.length; i++) {
    const p = a.ports[i];
    const q = b.ports[i];
    if (
      p === undefined ||
      q === undefined ||
      p.name !== q.name ||
      p.containerPort !== q.containerPort ||
      p.protocol !== q.protocol
    ) {
      return false;
    }
  }
  return true;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Groups pods into classes.
 * @param pods - the pod table, in engine order
 * @param namespaceOf - namespace index of each pod
 * @param usedNamedPorts - named-port keys (see {@link namedPortKey}) used by any policy
 * @param ipAtomsOf - the IP atoms the addresses of a pod (by index) fall in (empty when ipBlocks
 *   cannot match pods)
 * @param apart - pods kept apart from the others (node traffic)
 * @param nodeKey - the node a pod runs on, when own-node traffic is told apart ('' otherwise)
 */
export function groupPodClasses(
  pods: readonly Pod[],
  namespaceOf: Int32Array,
  usedNamedPorts: ReadonlySet<string>,
  ipAtomsOf: (index: number) => readonly number[],
  apart: (index: number) => boolean = () => false,
  nodeKey: (index: number) => string = () => '',
): PodClasses {
  const classOf = new Int32Array(pods.length);
  const byKey = new Map<string, number>();
  const representatives: number[] = [];
  const sizes: number[] = [];
  const labelIds = new PairIds();
  const portIds = new PairIds();
  const ids: number[] = [];
  let previous: Pod | undefined;
  let previousAtoms: readonly number[] = [];
  for (let index = 0; index < pods.length; index++) {
    const pod = pods[index] as Pod;
    const atoms = ipAtomsOf(index);
    // Replicas of one workload sit next to each other in pod order and look alike: reuse the
    // previous pod's class without building a key when nothing a policy can see differs.
    if (
      previous !== undefined &&
      namespaceOf[index] === namespaceOf[index - 1] &&
      apart(index) === apart(index - 1) &&
      nodeKey(index) === nodeKey(index - 1) &&
      sameLabels(pod, previous) &&
      samePorts(pod, previous) &&
      sameNumbers(atoms, previousAtoms)
    ) {
      const cls = classOf[index - 1] ?? 0;
      classOf[index] = cls;
      sizes[cls] = (sizes[cls] ?? 0) + 1;
      continue;
    }
    previous = pod;
    previousAtoms = atoms;
    // The key: namespace, then the sorted label pair ids, then the resolutions of used named
    // ports, then the IP atoms. Pods with equal keys are indistinguishable to every policy.
    ids.length = 0;
    for (const [key, value] of pod.labels) ids.push(labelIds.id(key, value));
    ids.sort((a, b) => a - b);
    let key = `${namespaceOf[index]}:${ids.join(',')}`;
    if (usedNamedPorts.size > 0) {
      ids.length = 0;
      for (const port of pod.ports) {
        if (port.name === undefined) continue;
        const name = namedPortKey(port.name, port.protocol);
        if (usedNamedPorts.has(name)) ids.push(portIds.id(name, String(port.containerPort)));
      }
      if (ids.length > 0) key += `|${ids.sort((a, b) => a - b).join(',')}`;
    }
    if (atoms.length > 0) key += `@${[...new Set(atoms)].sort((a, b) => a - b).join(',')}`;
    if (apart(index)) key += '!';
    const node = nodeKey(index);
    if (node !== '') key += `#${node}`;
    let cls = byKey.get(key);
    if (cls === undefined) {
      cls = representatives.length;
      byKey.set(key, cls);
      representatives.push(index);
      sizes.push(0);
    }
    classOf[index] = cls;
    sizes[cls] = (sizes[cls] ?? 0) + 1;
  }
  const count = representatives.length;
  const start = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) start[c + 1] = (start[c] ?? 0) + (sizes[c] ?? 0);
  const fill = start.slice(0, count);
  const members = new Int32Array(pods.length);
  for (let p = 0; p < pods.length; p++) {
    const c = classOf[p] ?? 0;
    members[fill[c] ?? 0] = p;
    fill[c] = (fill[c] ?? 0) + 1;
  }
  return { count, classOf, representative: Int32Array.from(representatives), start, members };
}
