import { isIP } from 'node:net';
import type {
  Cluster,
  Endpoint,
  OwnerRef,
  Pod,
  PodRef,
  Workload,
  WorkloadKind,
} from '@kube-reach/core';
import { formatPodRef } from '@kube-reach/core';
import { editDistance, suggestionLimit } from './close-matches.js';

/** An endpoint of the command line, resolved against the cluster. */
export interface ResolvedEndpoint {
  /**
   * The canonical spelling: `namespace/name` for a pod, `namespace/<kind>/name` for a
   * workload (which is also its template pod's `namespace/name`), or the IP address.
   */
  readonly name: string;
  /** What the question is asked about: one address, or every pod the endpoint stands for. */
  readonly targets: readonly Endpoint[];
  /** How the text was read, when that is not obvious (an IP that belongs to a pod). */
  readonly notes: readonly string[];
}

/** Why an endpoint could not be resolved, with the names the user may have meant. */
export interface EndpointError {
  readonly message: string;
  /** Header of the candidate list (`did you mean one of these?`). */
  readonly candidatesTitle?: string;
  readonly candidates: readonly string[];
}

export type EndpointResolution =
  | { readonly ok: true; readonly endpoint: ResolvedEndpoint }
  | { readonly ok: false; readonly error: EndpointError };

type EndpointKind = WorkloadKind | 'Pod';

/** kubectl's names for the kinds an endpoint can name: singular, plural and short. */
const KIND_ALIASES: ReadonlyMap<string, EndpointKind> = new Map<string, EndpointKind>([
  ['po', 'Pod'],
  ['pod', 'Pod'],
  ['pods', 'Pod'],
  ['deploy', 'Deployment'],
  ['deployment', 'Deployment'],
  ['deployments', 'Deployment'],
  ['sts', 'StatefulSet'],
  ['statefulset', 'StatefulSet'],
  ['statefulsets', 'StatefulSet'],
  ['ds', 'DaemonSet'],
  ['daemonset', 'DaemonSet'],
  ['daemonsets', 'DaemonSet'],
  ['rs', 'ReplicaSet'],
  ['replicaset', 'ReplicaSet'],
  ['replicasets', 'ReplicaSet'],
  ['rc', 'ReplicationController'],
  ['replicationcontroller', 'ReplicationController'],
  ['replicationcontrollers', 'ReplicationController'],
  ['job', 'Job'],
  ['jobs', 'Job'],
  ['cj', 'CronJob'],
  ['cronjob', 'CronJob'],
  ['cronjobs', 'CronJob'],
]);

/** How the kinds are listed in messages. */
const KIND_HELP =
  'pod (po), deployment (deploy), statefulset (sts), daemonset (ds), replicaset (rs), replicationcontroller (rc), job, cronjob (cj)';

/** The workload kind (or `Pod`) a kind as typed on the command line names, case-insensitively. */
export function parseKind(text: string): EndpointKind | undefined {
  return KIND_ALIASES.get(text.toLowerCase());
}

const MAX_CANDIDATES = 10;
/** How deep owner chains are followed (ReplicaSet -> Deployment, Job -> CronJob). */
const MAX_OWNER_DEPTH = 8;

/**
 * Reads an endpoint as typed on the command line and finds what it names in the cluster.
 *
 * Forms: an IPv4 or IPv6 address (the pod with that IP when there is one, else an address
 * outside the cluster); `name` (in `defaultNamespace`); `namespace/name`; `kind/name` (in
 * `defaultNamespace`, when the first part is not a namespace of the cluster);
 * `namespace/kind/name`. A name is a Pod object's or a workload's; a workload stands for its
 * live Pod objects when the manifests have any, else for its pod template.
 */
export function resolveEndpoint(
  cluster: Cluster,
  text: string,
  defaultNamespace: string,
): EndpointResolution {
  if (isIP(text) !== 0) return resolveAddress(cluster, text);

  const parts = text.split('/');
  if (parts.some((part) => part === '') || parts.length > 3) return invalid(text);
  if (parts.length === 3) {
    const [namespace = '', kindText = '', name = ''] = parts;
    const kind = parseKind(kindText);
    if (kind === undefined) {
      return failure(`unknown kind "${kindText}" in endpoint "${text}"; use one of: ${KIND_HELP}`);
    }
    return resolveName(cluster, namespace, kind, name);
  }
  if (parts.length === 2) {
    const [first = '', name = ''] = parts;
    if (isIP(first) !== 0) {
      return failure(`"${text}" is a range of addresses; give a single IP address`);
    }
    const kind = parseKind(first);
    const isNamespace = cluster.namespaces.some((ns) => ns.name === first);
    if (kind !== undefined && !isNamespace) {
      return resolveName(cluster, defaultNamespace, kind, name);
    }
    return resolveName(cluster, first, undefined, name);
  }
  return resolveName(cluster, defaultNamespace, undefined, text);
}

function resolveAddress(cluster: Cluster, text: string): EndpointResolution {
  const address = canonicalIp(text);
  const pods = cluster.pods.filter((pod) => pod.ips.some((ip) => canonicalIp(ip) === address));
  const [pod] = pods;
  if (pod === undefined || pods.length > 1) {
    if (pods.length > 1) {
      return failure(
        `${text} is the IP of ${pods.length} pods (host network?); name the pod instead`,
        'pods with this IP:',
        pods.map(podName),
      );
    }
    return success({ name: address, targets: [{ address }], notes: [] });
  }
  return success({
    name: podName(pod),
    targets: [podRef(pod)],
    notes: [`${text} is the IP of pod ${podName(pod)}`],
  });
}

/** IPv6 in its canonical short form (so `fd00:0::1` finds a pod at `fd00::1`); IPv4 as is. */
function canonicalIp(text: string): string {
  if (isIP(text) !== 6) return text;
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return text.toLowerCase();
  }
}

function resolveName(
  cluster: Cluster,
  namespace: string,
  kind: EndpointKind | undefined,
  name: string,
): EndpointResolution {
  const pods =
    kind === undefined || kind === 'Pod'
      ? cluster.pods.filter((p) => !p.fromTemplate && p.namespace === namespace && p.name === name)
      : [];
  let workloads =
    kind === 'Pod'
      ? []
      : cluster.workloads.filter(
          (w) =>
            w.namespace === namespace && w.name === name && (kind === undefined || w.kind === kind),
        );
  // `web` naming both a Deployment and a ReplicaSet it owns means the Deployment.
  workloads = workloads.filter(
    (w) =>
      !workloads.some((other) => other !== w && isOwnedBy(cluster, w.owner, w.namespace, other)),
  );

  const [pod] = pods;
  const [workload] = workloads;
  if (pods.length + workloads.length > 1) {
    const what = kind === undefined ? 'name' : kindWord(kind);
    return failure(
      `${what} "${name}" in namespace "${namespace}" is ambiguous`,
      'name one of these:',
      [...pods.map((p) => `${p.namespace}/pod/${p.name}`), ...workloads.map(workloadName)],
    );
  }
  if (pod !== undefined) {
    return success({ name: podName(pod), targets: [podRef(pod)], notes: [] });
  }
  if (workload !== undefined) return resolveWorkload(cluster, workload);

  // Defensive: a template pod whose workload object is not in the list.
  if (kind !== undefined && kind !== 'Pod') {
    const template = findTemplatePod(cluster, namespace, kind, name);
    if (template !== undefined) {
      return success({ name: podName(template), targets: [podRef(template)], notes: [] });
    }
  }
  return unknown(cluster, namespace, kind, name);
}

function resolveWorkload(cluster: Cluster, workload: Workload): EndpointResolution {
  const name = workloadName(workload);
  const live = cluster.pods.filter(
    (p) =>
      !p.fromTemplate &&
      p.namespace === workload.namespace &&
      isOwnedBy(cluster, p.owner, p.namespace, workload),
  );
  if (live.length > 0) return success({ name, targets: live.map(podRef), notes: [] });

  // No live pods: the template stands for them, or else the template of the workload's owner
  // (a ReplicaSet written out next to its Deployment).
  let current: Workload | undefined = workload;
  for (let depth = 0; current !== undefined && depth <= MAX_OWNER_DEPTH; depth++) {
    const template = findTemplatePod(cluster, current.namespace, current.kind, current.name);
    if (template !== undefined) {
      const notes =
        current === workload
          ? []
          : [`${name} has no pod template of its own; using ${podName(template)}`];
      return success({ name, targets: [podRef(template)], notes });
    }
    current =
      current.owner === undefined
        ? undefined
        : findWorkload(cluster, current.namespace, current.owner);
  }
  return failure(`${kindWord(workload.kind)} ${workload.namespace}/${workload.name} has no pods`);
}

/** Whether the controller `owner` (of an object in `namespace`) is `target`, or is owned by it. */
function isOwnedBy(
  cluster: Cluster,
  owner: OwnerRef | undefined,
  namespace: string,
  target: Workload,
): boolean {
  let current = owner;
  for (let depth = 0; current !== undefined && depth <= MAX_OWNER_DEPTH; depth++) {
    if (
      current.kind === target.kind &&
      current.name === target.name &&
      namespace === target.namespace
    ) {
      return true;
    }
    current = findWorkload(cluster, namespace, current)?.owner;
  }
  return false;
}

function findWorkload(cluster: Cluster, namespace: string, ref: OwnerRef): Workload | undefined {
  return cluster.workloads.find(
    (w) => w.namespace === namespace && w.kind === ref.kind && w.name === ref.name,
  );
}

function findTemplatePod(
  cluster: Cluster,
  namespace: string,
  kind: WorkloadKind,
  name: string,
): Pod | undefined {
  const templateName = `${kind.toLowerCase()}/${name}`;
  return cluster.pods.find(
    (p) => p.fromTemplate && p.namespace === namespace && p.name === templateName,
  );
}

function unknown(
  cluster: Cluster,
  namespace: string,
  kind: EndpointKind | undefined,
  name: string,
): EndpointResolution {
  const what = kind === undefined ? 'pod or workload' : kindWord(kind);
  const namespaceKnown = cluster.namespaces.some((ns) => ns.name === namespace);
  const message = `no ${what} named "${name}" in namespace "${namespace}"${
    namespaceKnown ? '' : ' (there is no such namespace)'
  }`;
  const candidates = closeCandidates(cluster, namespace, kind, name);
  return failure(message, 'did you mean one of these?', candidates);
}

/**
 * Up to ten names the user may have meant: the same name in other namespaces first, then names
 * in the same namespace that start alike or are a few edits away.
 */
function closeCandidates(
  cluster: Cluster,
  namespace: string,
  kind: EndpointKind | undefined,
  name: string,
): string[] {
  const named: { namespace: string; name: string; kind: EndpointKind; display: string }[] = [
    ...cluster.pods
      .filter((p) => !p.fromTemplate)
      .map((p) => ({
        namespace: p.namespace,
        name: p.name,
        kind: 'Pod' as const,
        display: podName(p),
      })),
    ...cluster.workloads.map((w) => ({
      namespace: w.namespace,
      name: w.name,
      kind: w.kind,
      display: workloadName(w),
    })),
  ];
  const limit = suggestionLimit(name);
  const scored: { score: number; display: string }[] = [];
  for (const candidate of named) {
    const sameKind = kind === undefined || candidate.kind === kind;
    let score: number | undefined;
    if (candidate.name.toLowerCase() === name.toLowerCase()) {
      // Same name, other namespace, or same namespace but another kind (or case).
      score = candidate.namespace === namespace ? 0 : sameKind ? 1 : 2;
    } else if (candidate.namespace.toLowerCase() === namespace.toLowerCase()) {
      const distance = editDistance(candidate.name, name, limit);
      if (candidate.name.startsWith(name) || name.startsWith(candidate.name)) score = 3;
      else if (distance <= limit) score = 3 + distance;
    }
    if (score !== undefined) scored.push({ score, display: candidate.display });
  }
  scored.sort((a, b) => a.score - b.score || compareText(a.display, b.display));
  return [...new Set(scored.map((s) => s.display))].slice(0, MAX_CANDIDATES);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function podRef(pod: Pod): PodRef {
  return { namespace: pod.namespace, name: pod.name };
}

function podName(pod: Pod): string {
  return formatPodRef(pod);
}

function workloadName(workload: Workload): string {
  return `${workload.namespace}/${workload.kind.toLowerCase()}/${workload.name}`;
}

function kindWord(kind: EndpointKind): string {
  return kind.toLowerCase();
}

function invalid(text: string): EndpointResolution {
  return failure(
    `invalid endpoint "${text}": expected NAME, NAMESPACE/NAME, NAMESPACE/KIND/NAME or an IP address`,
  );
}

function success(endpoint: ResolvedEndpoint): EndpointResolution {
  return { ok: true, endpoint };
}

function failure(
  message: string,
  candidatesTitle?: string,
  candidates: readonly string[] = [],
): EndpointResolution {
  return {
    ok: false,
    error: {
      message,
      candidates,
      ...(candidatesTitle !== undefined && candidates.length > 0 ? { candidatesTitle } : {}),
    },
  };
}
