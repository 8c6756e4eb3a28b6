import {
  type AdminPolicy,
  type Cluster,
  compareAdminPolicies,
  controllerChain,
  type Labels,
  type Namespace,
  type NetworkPolicy,
  type OwnerRef,
  type Pod,
  type Service,
  type TerminatedPod,
} from '../model/index.js';
import { buildNodes } from './build-nodes.js';
import type { DecodedNode } from './decode-node.js';
import type { DecodedObject } from './decode-object.js';
import { describeSource } from './format-issue.js';
import type { Issue } from './issue.js';
import {
  checkNamespaceLabels,
  undeclaredNamespace,
  undeclaredNamespaceNotes,
} from './undeclared-namespaces.js';

/** Settings of the assembly step. */
export interface BuildOptions {
  readonly includeTerminatedPods: boolean;
  /** Labels of namespaces the input uses but does not declare (`--namespace-labels`). */
  readonly namespaceLabels?: ReadonlyMap<string, Labels>;
}

type WorkloadEntry = Extract<DecodedObject, { type: 'workload' }>;
type PodEntry = Extract<DecodedObject, { type: 'pod' }>;

/**
 * Assembles decoded objects into a sorted `Cluster`:
 *
 * - Duplicates (same kind, namespace and name) get a `duplicate-object` warning and the last one
 *   wins, as with `kubectl apply` of both.
 * - Pods in phase Succeeded or Failed are left out unless `includeTerminatedPods`.
 * - A workload's template pod is kept unless the input already shows its pods or another
 *   workload stands for it (see {@link templatePodsKept}).
 * - Namespaces used by any object but not declared are added with `synthesized: true`, with the
 *   labels of `namespaceLabels` when given, else with only their name label; then a
 *   `namespace-not-declared` warning names the labels assumed when they can change an answer
 *   (see {@link undeclaredNamespaceNotes}). Labels given for a declared namespace are an error.
 *
 * @param decoded - the objects, in input order.
 * @param issues - receives the duplicate warnings and the namespace notes.
 */
export function buildCluster(
  decoded: readonly DecodedObject[],
  issues: Issue[],
  options: BuildOptions,
): Cluster {
  const byKey = new Map<string, DecodedObject>();
  for (const entry of decoded) {
    const earlier = byKey.get(entry.key);
    if (earlier !== undefined) {
      issues.push({
        code: 'duplicate-object',
        severity: 'warning',
        message: `also defined at ${describeSource(earlier.source)}; the last definition wins`,
        file: entry.source.file,
        doc: entry.source.doc,
        ...(entry.source.item === undefined ? {} : { item: entry.source.item }),
        object: entry.object,
        path: [],
      });
      byKey.delete(entry.key);
    }
    byKey.set(entry.key, entry);
  }
  const declared: Namespace[] = [];
  const podEntries: PodEntry[] = [];
  const workloadEntries: WorkloadEntry[] = [];
  const services: Service[] = [];
  const policies: NetworkPolicy[] = [];
  const nodeEntries: DecodedNode[] = [];
  const adminPolicies: AdminPolicy[] = [];
  for (const entry of byKey.values()) {
    if (entry.type === 'namespace') declared.push(entry.namespace);
    else if (entry.type === 'pod') podEntries.push(entry);
    else if (entry.type === 'workload') workloadEntries.push(entry);
    else if (entry.type === 'service') services.push(entry.service);
    else if (entry.type === 'node') nodeEntries.push(entry);
    else if (entry.type === 'adminPolicy') {
      if (entry.adminPolicy !== undefined) adminPolicies.push(entry.adminPolicy);
    } else policies.push(entry.policy);
  }
  const { nodes, pods } = buildNodes(nodeEntries, [
    ...podEntries.filter((e) => options.includeTerminatedPods || !e.terminated),
    ...templatePodsKept(workloadEntries, podEntries).map((pod) => ({ pod, hostIps: [] })),
  ]);
  const terminatedPods: TerminatedPod[] = options.includeTerminatedPods
    ? []
    : podEntries.flatMap((e) =>
        e.terminated === undefined
          ? []
          : [{ namespace: e.pod.namespace, name: e.pod.name, phase: e.terminated }],
      );
  const workloads = workloadEntries.map((e) => e.workload);

  const used = new Set<string>();
  for (const list of [podEntries.map((e) => e.pod), workloads, services, policies]) {
    for (const { namespace } of list) used.add(namespace);
  }
  const given = options.namespaceLabels ?? new Map<string, Labels>();
  checkNamespaceLabels(given, declared, used, issues);
  const namespaces = [...declared];
  const declaredNames = new Set(declared.map((n) => n.name));
  for (const name of used) {
    if (!declaredNames.has(name)) {
      namespaces.push(undeclaredNamespace(name, given.get(name)));
    }
  }
  namespaces.sort((a, b) => compare(a.name, b.name));
  pods.sort(byNamespaceAndName);
  policies.sort(byNamespaceAndName);
  issues.push(...undeclaredNamespaceNotes(namespaces, pods, policies, new Set(given.keys())));
  return {
    namespaces,
    pods,
    workloads: workloads.sort(
      (a, b) =>
        compare(a.namespace, b.namespace) || compare(a.kind, b.kind) || compare(a.name, b.name),
    ),
    services: services.sort(byNamespaceAndName),
    policies,
    ...(adminPolicies.length === 0
      ? {}
      : { adminPolicies: adminPolicies.sort(compareAdminPolicies) }),
    ...(nodes.length === 0 ? {} : { nodes }),
    ...(terminatedPods.length === 0
      ? {}
      : { terminatedPods: terminatedPods.sort(byNamespaceAndName) }),
  };
}

/**
 * The template pods to keep. A workload's template pod stands for pods the input does not show,
 * so it is dropped when:
 *
 * 1. the input has live Pod objects of the workload: the workload is on a Pod's
 *    `controllerChain` (model/controller.ts: its `ownerReferences` controller, followed through
 *    the workloads of the input, and a missing ReplicaSet `<d>-<hash>` to Deployment `<d>` by
 *    `pod-template-hash`); terminated pods count too, since they show the workload's pods are in
 *    the input; or
 * 2. the workload's own controller is a workload present in the input (a ReplicaSet of a
 *    Deployment, a Job of a CronJob): the owner's template stands for it.
 */
export function templatePodsKept(
  workloads: readonly WorkloadEntry[],
  pods: readonly PodEntry[],
): Pod[] {
  const byOwnerKey = new Map<string, WorkloadEntry>();
  for (const w of workloads) byOwnerKey.set(ownerKey(w.workload.namespace, w.workload), w);
  const hidden = new Set<WorkloadEntry>();
  for (const w of workloads) {
    const owner = w.workload.owner;
    if (owner !== undefined && byOwnerKey.has(ownerKey(w.workload.namespace, owner))) hidden.add(w);
  }
  const input = { workloads: workloads.map((w) => w.workload) };
  for (const { pod } of pods) {
    for (const controller of controllerChain(input, pod)) {
      const entry = byOwnerKey.get(ownerKey(pod.namespace, controller));
      if (entry !== undefined) hidden.add(entry);
    }
  }
  return workloads.flatMap((w) => (w.template === undefined || hidden.has(w) ? [] : [w.template]));
}

function ownerKey(namespace: string, owner: OwnerRef): string {
  return `${namespace}\u0000${owner.kind}\u0000${owner.name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNamespaceAndName(
  a: { readonly namespace: string; readonly name: string },
  b: { readonly namespace: string; readonly name: string },
): number {
  return compare(a.namespace, b.namespace) || compare(a.name, b.name);
}
