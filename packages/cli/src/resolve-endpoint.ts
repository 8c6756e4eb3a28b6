import type {
  Cluster,
  Endpoint,
  EndpointResource,
  EndpointSpec,
  Engine,
  HypotheticalPod,
  ObjectEndpointSpec,
  OwnerRef,
  Pod,
  PodRef,
  Service,
  Workload,
} from '@kube-reach/core';
import {
  formatEndpointSpec,
  formatLabelsText,
  formatPodRef,
  hypotheticalPod,
  isAddressIn,
  NON_PUBLIC_IPV4_CIDRS,
  parseEndpoint,
  sampleAddresses,
  serviceBackends,
} from '@kube-reach/core';
import { editDistance, suggestionLimit } from './close-matches.js';

/** One pod or address an endpoint stands for. */
export interface Target {
  readonly endpoint: Endpoint;
  /** How it is shown: `ns/name`, an address, or an address range `first-last`. */
  readonly name: string;
  /** The pod, for a pod target. */
  readonly pod?: Pod;
}

/** What kind of thing the endpoint named. */
export type EndpointKind =
  | 'pod'
  | 'workload'
  | 'service'
  | 'hypothetical'
  | 'address'
  | 'cidr'
  | 'external';

/** An endpoint of the command line, resolved against the cluster. */
export interface ResolvedEndpoint {
  /**
   * The canonical spelling: `namespace/name` for a pod, `namespace/<kind>/name` for a workload
   * (which is also its template pod's `namespace/name`) or a Service, `namespace/[labels]`,
   * an address, a CIDR, or `external`.
   */
  readonly name: string;
  readonly kind: EndpointKind;
  /** What the question is asked about: the pods (or address ranges) the endpoint stands for. */
  readonly targets: readonly Target[];
  /** How the text was read, when that is not obvious (an IP that belongs to a pod). */
  readonly notes: readonly string[];
  /** The Service, for a Service endpoint: its ports translate `--port`. */
  readonly service?: Service;
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

/** How endpoints are read: the namespace of `-n` and the blocks of `--cluster-cidr`. */
export interface ResolveOptions {
  readonly defaultNamespace: string;
  readonly clusterCidrs: readonly string[];
}

const MAX_CANDIDATES = 10;
/** How deep owner chains are followed (ReplicaSet -> Deployment, Job -> CronJob). */
const MAX_OWNER_DEPTH = 8;

/**
 * The hypothetical pods (`ns/[app=web]`) that the given endpoint texts name, to be added to the
 * cluster before it is compiled. Texts that do not parse are skipped (resolving reports them).
 */
export function hypotheticalPodsOf(
  texts: readonly string[],
  defaultNamespace: string,
): HypotheticalPod[] {
  const pods: HypotheticalPod[] = [];
  for (const text of texts) {
    const parsed = parseEndpoint(text);
    if (parsed.ok && parsed.spec.kind === 'labels') {
      pods.push(hypotheticalPod(parsed.spec, defaultNamespace));
    }
  }
  return pods;
}

/**
 * Reads an endpoint as typed (the grammar of `parseEndpoint` in core) and finds what it names
 * in the cluster. The cluster must already hold the hypothetical pods of {@link
 * hypotheticalPodsOf}; the engine (compiled from it) tells address ranges apart.
 */
export function resolveEndpoint(
  context: ResolveContext,
  text: string,
  options: ResolveOptions,
): EndpointResolution {
  const parsed = parseEndpoint(text);
  if (!parsed.ok) return failure(parsed.message);
  return resolveSpec(context, parsed.spec, text, options);
}

/**
 * What endpoints are resolved against: the manifests as loaded (names, Services, pod IPs), the
 * cluster as compiled (the manifests plus the hypothetical pods) and its engine.
 */
export interface ResolveContext {
  readonly manifests: Cluster;
  readonly compiled: Cluster;
  readonly engine: Engine;
}

function resolveSpec(
  context: ResolveContext,
  spec: EndpointSpec,
  text: string,
  options: ResolveOptions,
): EndpointResolution {
  // Hypothetical pods are looked up in the compiled cluster only: they never back a Service,
  // own an IP or stand for a name.
  const { manifests: cluster, compiled, engine } = context;
  switch (spec.kind) {
    case 'address':
      return resolveAddress(cluster, spec.address, text);
    case 'cidr':
      return resolveCidr(cluster, engine, spec.cidr);
    case 'external':
      return resolveExternal(cluster, engine, options.clusterCidrs);
    case 'labels': {
      const namespace = spec.namespace ?? options.defaultNamespace;
      const name = formatLabelsText(spec);
      const pod = compiled.pods.find((p) => p.namespace === namespace && p.name === name);
      if (pod === undefined) throw new Error(`hypothetical pod ${namespace}/${name} was not added`);
      const notes = !cluster.namespaces.some((ns) => ns.name === namespace)
        ? [
            `namespace ${namespace} is not in the manifests; assuming it has only the label kubernetes.io/metadata.name=${namespace}`,
          ]
        : [];
      return success({
        name: formatEndpointSpec(spec, options.defaultNamespace),
        kind: 'hypothetical',
        targets: [podTarget(pod)],
        notes,
      });
    }
    case 'object':
      return resolveObject(cluster, spec, options.defaultNamespace);
  }
}

function resolveObject(
  cluster: Cluster,
  spec: ObjectEndpointSpec,
  defaultNamespace: string,
): EndpointResolution {
  let namespace = spec.namespace ?? defaultNamespace;
  let resource = spec.resource;
  // `deploy/web`: a kind and a name in -n, unless a namespace is called `deploy`.
  if (
    spec.alternativeNamespace !== undefined &&
    cluster.namespaces.some((ns) => ns.name === spec.alternativeNamespace)
  ) {
    namespace = spec.alternativeNamespace;
    resource = undefined;
  }
  if (resource === 'Service') return resolveService(cluster, namespace, spec.name);
  return resolveName(cluster, namespace, resource, spec.name);
}

function resolveAddress(cluster: Cluster, address: string, typed: string): EndpointResolution {
  const pods = cluster.pods.filter((pod) => pod.ips.some((ip) => canonicalIp(ip) === address));
  const [pod] = pods;
  if (pods.length > 1) {
    return failure(
      `${address} is the IP of ${pods.length} pods (host network?); name the pod instead`,
      'pods with this IP:',
      pods.map(podName),
    );
  }
  if (pod === undefined) {
    return success({
      name: address,
      kind: 'address',
      targets: [{ endpoint: { address }, name: address }],
      notes: [],
    });
  }
  return success({
    name: podName(pod),
    kind: 'pod',
    targets: [podTarget(pod)],
    notes: [`${typed} is the IP of pod ${podName(pod)}`],
  });
}

function resolveCidr(cluster: Cluster, engine: Engine, cidr: string): EndpointResolution {
  const samples = sampleAddresses(engine.addressRanges(), [cidr], []);
  const inside = cluster.pods.filter((pod) => pod.ips.some((ip) => isAddressIn(ip, [cidr])));
  const notes =
    inside.length > 0
      ? [
          `${cidr} holds the IPs of ${inside.length === 1 ? 'pod' : `${inside.length} pods`} ${inside
            .slice(0, 3)
            .map(podName)
            .join(
              ', ',
            )}${inside.length > 3 ? ', ...' : ''}; the CIDR is evaluated as addresses, name pods to ask about them`,
        ]
      : [];
  return success({
    name: cidr,
    kind: 'cidr',
    targets: samples.map((s) => ({ endpoint: { address: s.address }, name: s.span })),
    notes,
  });
}

/**
 * `external`: the public IPv4 internet, less `--cluster-cidr` and every pod IP, split where the
 * policies tell addresses apart, so that every external address is covered.
 */
function resolveExternal(
  cluster: Cluster,
  engine: Engine,
  clusterCidrs: readonly string[],
): EndpointResolution {
  const podIps = cluster.pods.flatMap((pod) => pod.ips);
  const samples = sampleAddresses(
    engine.addressRanges(),
    ['0.0.0.0/0'],
    [...NON_PUBLIC_IPV4_CIDRS, ...clusterCidrs, ...podIps],
  );
  const ranges = samples.length === 1 ? '1 address range' : `${samples.length} address ranges`;
  return success({
    name: 'external',
    kind: 'external',
    targets: samples.map((s) => ({ endpoint: { address: s.address }, name: s.span })),
    notes: [
      `external is every public IPv4 address (no private, loopback, link-local or multicast block) outside the pod IPs${
        clusterCidrs.length > 0 ? ` and ${clusterCidrs.join(', ')}` : ''
      }: ${ranges} the policies tell apart, each checked at its first address`,
    ],
  });
}

/** IPv6 in its canonical short form (so `fd00:0::1` finds a pod at `fd00::1`); IPv4 as is. */
function canonicalIp(text: string): string {
  const parsed = parseEndpoint(text);
  return parsed.ok && parsed.spec.kind === 'address' ? parsed.spec.address : text;
}

function resolveService(cluster: Cluster, namespace: string, name: string): EndpointResolution {
  const service = cluster.services.find((s) => s.namespace === namespace && s.name === name);
  if (service === undefined) {
    const namespaceKnown = cluster.namespaces.some((ns) => ns.name === namespace);
    const candidates = closeNames(
      cluster.services.map((s) => ({
        namespace: s.namespace,
        name: s.name,
        display: serviceName(s),
        sameKind: true,
      })),
      namespace,
      name,
    );
    return failure(
      `no service named "${name}" in namespace "${namespace}"${
        namespaceKnown ? '' : ' (there is no such namespace)'
      }`,
      'did you mean one of these?',
      candidates,
    );
  }
  const display = serviceName(service);
  if (service.selector === undefined || service.selector.size === 0) {
    return failure(
      `service ${display} has no selector, so its backends are not in the manifests (its EndpointSlices are managed by hand); name the pods or their addresses instead`,
    );
  }
  const backends = serviceBackends(cluster, service);
  if (backends.length === 0) {
    const selector = [...service.selector].map(([k, v]) => `${k}=${v}`).join(',');
    return failure(
      `service ${display} selects ${selector}, but no pod in namespace "${namespace}" has those labels, so it has no backends`,
    );
  }
  return success({
    name: display,
    kind: 'service',
    targets: backends.map(podTarget),
    notes: [],
    service,
  });
}

function resolveName(
  cluster: Cluster,
  namespace: string,
  kind: EndpointResource | undefined,
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
    return success({ name: podName(pod), kind: 'pod', targets: [podTarget(pod)], notes: [] });
  }
  if (workload !== undefined) return resolveWorkload(cluster, workload);

  // Defensive: a template pod whose workload object is not in the list.
  if (kind !== undefined && kind !== 'Pod') {
    const template = findTemplatePod(cluster, namespace, kind, name);
    if (template !== undefined) {
      return success({
        name: podName(template),
        kind: 'workload',
        targets: [podTarget(template)],
        notes: [],
      });
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
      isOwnedBy(cluster, ownerOf(cluster, p), p.namespace, workload),
  );
  if (live.length > 0) {
    return success({ name, kind: 'workload', targets: live.map(podTarget), notes: [] });
  }

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
      return success({ name, kind: 'workload', targets: [podTarget(template)], notes });
    }
    current =
      current.owner === undefined
        ? undefined
        : findWorkload(cluster, current.namespace, current.owner);
  }
  return failure(`${kindWord(workload.kind)} ${workload.namespace}/${workload.name} has no pods`);
}

/**
 * A pod's controller. A pod owned by a ReplicaSet `<d>-<hash>` that is not in the manifests,
 * with label `pod-template-hash=<hash>`, belongs to Deployment `<d>`: that is how the
 * Deployment controller names them, and `kubectl get pods,deploy` shows no ReplicaSets (the
 * parser drops the Deployment's template pod by the same rule).
 */
function ownerOf(cluster: Cluster, pod: Pod): OwnerRef | undefined {
  const { owner } = pod;
  if (owner?.kind !== 'ReplicaSet' || findWorkload(cluster, pod.namespace, owner) !== undefined) {
    return owner;
  }
  const hash = pod.labels.get('pod-template-hash');
  if (hash === undefined || hash === '' || !owner.name.endsWith(`-${hash}`)) return owner;
  return { kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)) };
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
  kind: EndpointResource,
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
  kind: EndpointResource | undefined,
  name: string,
): EndpointResolution {
  const what = kind === undefined ? 'pod or workload' : kindWord(kind);
  const namespaceKnown = cluster.namespaces.some((ns) => ns.name === namespace);
  const message = `no ${what} named "${name}" in namespace "${namespace}"${
    namespaceKnown ? '' : ' (there is no such namespace)'
  }`;
  const named = [
    ...cluster.pods
      .filter((p) => !p.fromTemplate)
      .map((p) => ({
        namespace: p.namespace,
        name: p.name,
        display: podName(p),
        sameKind: kind === undefined || kind === 'Pod',
      })),
    ...cluster.workloads.map((w) => ({
      namespace: w.namespace,
      name: w.name,
      display: workloadName(w),
      sameKind: kind === undefined || w.kind === kind,
    })),
    // A Service of that name is a likely meaning of `ns/name`, but only ever a candidate.
    ...cluster.services.map((s) => ({
      namespace: s.namespace,
      name: s.name,
      display: serviceName(s),
      sameKind: false,
    })),
  ];
  return failure(message, 'did you mean one of these?', closeNames(named, namespace, name));
}

/**
 * Up to ten names the user may have meant: the same name in other namespaces first, then names
 * in the same namespace that start alike or are a few edits away.
 */
function closeNames(
  named: readonly { namespace: string; name: string; display: string; sameKind: boolean }[],
  namespace: string,
  name: string,
): string[] {
  const limit = suggestionLimit(name);
  const scored: { score: number; display: string }[] = [];
  for (const candidate of named) {
    let score: number | undefined;
    if (candidate.name.toLowerCase() === name.toLowerCase()) {
      // Same name, other namespace, or same namespace but another kind (or case).
      score = candidate.namespace === namespace ? 0 : candidate.sameKind ? 1 : 2;
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

function podTarget(pod: Pod): Target {
  const ref: PodRef = { namespace: pod.namespace, name: pod.name };
  return { endpoint: ref, name: formatPodRef(ref), pod };
}

function podName(pod: Pod): string {
  return formatPodRef(pod);
}

function workloadName(workload: Workload): string {
  return `${workload.namespace}/${workload.kind.toLowerCase()}/${workload.name}`;
}

function serviceName(service: Service): string {
  return `${service.namespace}/service/${service.name}`;
}

function kindWord(kind: EndpointResource): string {
  return kind.toLowerCase();
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
