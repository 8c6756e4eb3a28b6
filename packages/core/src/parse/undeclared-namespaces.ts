import {
  type LabelSelector,
  type Labels,
  NAMESPACE_NAME_LABEL,
  type Namespace,
  type NetworkPolicy,
  type Pod,
  synthesizedNamespace,
} from '../model/index.js';
import type { Issue } from './issue.js';

/**
 * The namespace an object lives in but no Namespace object declares. With labels from the
 * `namespaceLabels` parse option when given; else only the name label the API server would put
 * on it. The name label always holds the namespace's name, whatever the option says.
 */
export function undeclaredNamespace(name: string, given: Labels | undefined): Namespace {
  const namespace = synthesizedNamespace(name);
  if (given === undefined) return namespace;
  return { ...namespace, labels: new Map([...given, [NAMESPACE_NAME_LABEL, name]]) };
}

/**
 * Checks the `namespaceLabels` option against the input: labels for a namespace the input
 * declares are an error (the input's labels would silently lose to or beat them); labels for a
 * namespace no object lives in are a warning, since nothing uses them.
 */
export function checkNamespaceLabels(
  given: ReadonlyMap<string, Labels>,
  declared: readonly Namespace[],
  used: ReadonlySet<string>,
  issues: Issue[],
): void {
  const declaredNames = new Map(declared.map((ns) => [ns.name, ns]));
  for (const name of given.keys()) {
    const ns = declaredNames.get(name);
    if (ns !== undefined) {
      issues.push({
        code: 'namespace-labels',
        severity: 'error',
        message: `labels given for namespace "${name}", which the input declares with its own labels: remove one of the two`,
        file: ns.source?.file ?? '<input>',
        ...(ns.source === undefined ? {} : { doc: ns.source.doc }),
        object: { kind: 'Namespace', name },
        path: ['metadata', 'labels'],
      });
    } else if (!used.has(name)) {
      issues.push({
        code: 'namespace-labels',
        severity: 'warning',
        message: `labels given for namespace "${name}", which no object of the input is in; ignored`,
        file: '<input>',
        path: [],
      });
    }
  }
}

/**
 * One `namespace-not-declared` warning per namespace that pods live in, that the input does not
 * declare and that no labels were given for, naming the labels assumed. Only when some
 * NetworkPolicy peer's namespaceSelector tests a label other than `kubernetes.io/metadata.name`:
 * otherwise no label the real namespace may carry can change an answer (the name label is the
 * one label every namespace has, and the assumed one is right).
 *
 * @param namespaces - the cluster's namespaces, declared and synthesized, sorted by name
 * @param pods - the cluster's pods (a namespace without pods is never selected as a peer's)
 * @param policies - the cluster's policies
 * @param labelled - namespaces whose labels the caller supplied
 */
export function undeclaredNamespaceNotes(
  namespaces: readonly Namespace[],
  pods: readonly Pod[],
  policies: readonly NetworkPolicy[],
  labelled: ReadonlySet<string>,
): Issue[] {
  if (!policies.some(testsNamespaceLabels)) return [];
  const firstPod = new Map<string, Pod>();
  for (const pod of pods) if (!firstPod.has(pod.namespace)) firstPod.set(pod.namespace, pod);
  const notes: Issue[] = [];
  for (const ns of namespaces) {
    const pod = firstPod.get(ns.name);
    if (!ns.synthesized || labelled.has(ns.name) || pod === undefined) continue;
    notes.push({
      code: 'namespace-not-declared',
      severity: 'warning',
      message:
        `namespace "${ns.name}" is not declared in the input: assumed labels ` +
        `{${NAMESPACE_NAME_LABEL}: ${ns.name}}; namespaceSelectors see only these ` +
        `(use --namespace-labels ${ns.name}=KEY=VALUE to add labels)`,
      file: pod.source?.file ?? '<input>',
      ...(pod.source === undefined ? {} : { doc: pod.source.doc }),
      ...(pod.source?.item === undefined ? {} : { item: pod.source.item }),
      object: { kind: 'Namespace', name: ns.name },
      path: [],
    });
  }
  return notes;
}

/** Whether a peer of the policy selects namespaces by a label other than the name label. */
function testsNamespaceLabels(policy: NetworkPolicy): boolean {
  return [...policy.ingress, ...policy.egress].some((rule) =>
    (rule.peers ?? []).some(
      (peer) =>
        peer.kind === 'pods' &&
        peer.namespaceSelector !== undefined &&
        testsOtherThanName(peer.namespaceSelector),
    ),
  );
}

function testsOtherThanName(selector: LabelSelector): boolean {
  return (
    [...selector.matchLabels.keys()].some((k) => k !== NAMESPACE_NAME_LABEL) ||
    selector.matchExpressions.some((r) => r.key !== NAMESPACE_NAME_LABEL)
  );
}
