import type { Cluster, OwnerRef, Pod, Workload } from '../model/index.js';
import { controllerOf, isControlledBy } from '../model/index.js';
import { closeNames } from './close-matches.js';
import type { Resolved } from './endpoint-names.js';
import {
  failure,
  kindWord,
  podTarget,
  serviceName,
  success,
  workloadName,
} from './endpoint-names.js';
import type { EndpointResource, ObjectEndpointSpec } from './parse-endpoint.js';
import { resolveService, serviceOfDnsName } from './resolve-service.js';

/** How deep a workload's owners are followed (ReplicaSet -> Deployment, Job -> CronJob). */
const MAX_OWNER_DEPTH = 8;

/** `name`, `ns/name`, `kind/name`, `ns/kind/name`: a pod, a workload or a Service. */
export function resolveObject(
  cluster: Cluster,
  spec: ObjectEndpointSpec,
  defaultNamespace: string,
): Resolved {
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

function resolveName(
  cluster: Cluster,
  namespace: string,
  kind: EndpointResource | undefined,
  name: string,
): Resolved {
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
      'ambiguous-name',
      `${what} "${name}" in namespace "${namespace}" is ambiguous`,
      'name one of these:',
      [...pods.map((p) => `${p.namespace}/pod/${p.name}`), ...workloads.map(workloadName)],
    );
  }
  if (pod !== undefined) {
    return success({
      name: podTarget(pod).name,
      kind: 'pod',
      targets: [podTarget(pod)],
      notes: [],
    });
  }
  if (workload !== undefined) return resolveWorkload(cluster, workload);

  if (kind === undefined) {
    // `db.shop.svc.cluster.local`: a Service by its cluster DNS name.
    const service = serviceOfDnsName(cluster, name);
    if (service !== undefined) {
      const resolved = resolveService(cluster, service.namespace, service.name);
      return resolved.ok
        ? success({
            ...resolved.endpoint,
            notes: [
              `${name} is the DNS name of service ${resolved.endpoint.name}`,
              ...resolved.endpoint.notes,
            ],
          })
        : resolved;
    }
  }
  if (kind !== undefined && kind !== 'Pod') {
    // A controller the input does not hold (the Deployment a missing ReplicaSet leads to, or a
    // ReplicaSet): the pods grouped under it, as `matrix --by workload` names them; else the
    // pods it controls through others (a missing ReplicaSet of a Deployment).
    const live = cluster.pods.filter((p) => !p.fromTemplate && p.namespace === namespace);
    const grouped = live.filter((p) => {
      const controller = controllerOf(cluster, p);
      return controller?.kind === kind && controller.name === name;
    });
    const controlled =
      grouped.length > 0 ? grouped : live.filter((p) => isControlledBy(cluster, p, kind, name));
    if (controlled.length > 0) {
      return success({
        name: workloadName({ namespace, kind, name }),
        kind: 'workload',
        targets: controlled.map(podTarget),
        notes: [],
      });
    }
    // Defensive: a template pod whose workload object is not in the list.
    const template = findTemplatePod(cluster, namespace, kind, name);
    if (template !== undefined) {
      return success({
        name: podTarget(template).name,
        kind: 'workload',
        targets: [podTarget(template)],
        notes: [],
      });
    }
  }
  return unknown(cluster, namespace, kind, name);
}

function resolveWorkload(cluster: Cluster, workload: Workload): Resolved {
  const name = workloadName(workload);
  const live = cluster.pods.filter(
    (p) =>
      !p.fromTemplate &&
      p.namespace === workload.namespace &&
      isControlledBy(cluster, p, workload.kind, workload.name),
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
          : [`${name} has no pod template of its own; using ${podTarget(template).name}`];
      return success({ name, kind: 'workload', targets: [podTarget(template)], notes });
    }
    current =
      current.owner === undefined
        ? undefined
        : findWorkload(cluster, current.namespace, current.owner);
  }
  return failure(
    'no-pods',
    `${kindWord(workload.kind)} ${workload.namespace}/${workload.name} has no pods`,
  );
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
): Resolved {
  const what = kind === undefined ? 'pod or workload' : kindWord(kind);
  const terminated =
    kind === undefined || kind === 'Pod'
      ? cluster.terminatedPods?.find((p) => p.namespace === namespace && p.name === name)
      : undefined;
  if (terminated !== undefined) {
    return failure(
      'terminated-pod',
      `pod "${name}" in namespace "${namespace}" is in phase ${terminated.phase}, so it is left out of the analysis; pass --include-terminated-pods (the parse option includeTerminatedPods) to ask about it`,
    );
  }
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
        display: podTarget(p).name,
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
  return failure(
    'unknown-name',
    message,
    'did you mean one of these?',
    closeNames(named, namespace, name),
  );
}
