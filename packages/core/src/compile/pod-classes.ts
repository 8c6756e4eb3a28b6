import type { Labels, Pod, Protocol } from '../model/index.js';

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

function labelsKey(labels: Labels): string {
  const entries = [...labels.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify(entries);
}

function namedPortsKey(pod: Pod, usedNames: ReadonlySet<string>): string {
  if (usedNames.size === 0) return '';
  const parts: string[] = [];
  for (const port of pod.ports) {
    if (port.name === undefined) continue;
    const key = namedPortKey(port.name, port.protocol);
    if (usedNames.has(key)) parts.push(`${key}=${port.containerPort}`);
  }
  return parts.sort().join(',');
}

/**
 * Groups pods into classes.
 * @param pods - the pod table, in engine order
 * @param namespaceOf - namespace index of each pod
 * @param usedNamedPorts - named-port keys (see {@link namedPortKey}) used by any policy
 * @param ipAtomsOf - the IP atoms a pod's addresses fall in (empty when ipBlocks cannot match pods)
 */
export function groupPodClasses(
  pods: readonly Pod[],
  namespaceOf: Int32Array,
  usedNamedPorts: ReadonlySet<string>,
  ipAtomsOf: (pod: Pod) => readonly number[],
): PodClasses {
  const classOf = new Int32Array(pods.length);
  const byKey = new Map<string, number>();
  const representatives: number[] = [];
  const sizes: number[] = [];
  pods.forEach((pod, index) => {
    const atoms = ipAtomsOf(pod);
    const key = `${namespaceOf[index]}\u0000${labelsKey(pod.labels)}\u0000${namedPortsKey(
      pod,
      usedNamedPorts,
    )}\u0000${atoms.length === 0 ? '' : [...new Set(atoms)].sort((a, b) => a - b).join(',')}`;
    let cls = byKey.get(key);
    if (cls === undefined) {
      cls = representatives.length;
      byKey.set(key, cls);
      representatives.push(index);
      sizes.push(0);
    }
    classOf[index] = cls;
    sizes[cls] = (sizes[cls] ?? 0) + 1;
  });
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
