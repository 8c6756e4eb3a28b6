import type { WorkloadKind } from '../model/index.js';
import type { AdminPolicyKind } from './decode-admin-policy.js';
import { clip } from './messages.js';

/** The kinds the parser reads. */
export type ReadKind =
  | 'Namespace'
  | 'Node'
  | 'Pod'
  | 'Service'
  | 'NetworkPolicy'
  | WorkloadKind
  | AdminPolicyKind;

interface KindRule {
  /** apiVersions the API server serves for this kind today. */
  readonly current: readonly string[];
  /** apiVersions removed from the API server but with the same fields we read. */
  readonly removed: readonly string[];
}

const KIND_RULES: { readonly [K in ReadKind]: KindRule } = {
  Namespace: { current: ['v1'], removed: [] },
  Node: { current: ['v1'], removed: [] },
  Pod: { current: ['v1'], removed: [] },
  Service: { current: ['v1'], removed: [] },
  ReplicationController: { current: ['v1'], removed: [] },
  Deployment: {
    current: ['apps/v1'],
    removed: ['apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'],
  },
  ReplicaSet: { current: ['apps/v1'], removed: ['apps/v1beta2', 'extensions/v1beta1'] },
  StatefulSet: { current: ['apps/v1'], removed: ['apps/v1beta1', 'apps/v1beta2'] },
  DaemonSet: { current: ['apps/v1'], removed: ['apps/v1beta2', 'extensions/v1beta1'] },
  Job: { current: ['batch/v1'], removed: [] },
  CronJob: { current: ['batch/v1'], removed: ['batch/v1beta1', 'batch/v2alpha1'] },
  NetworkPolicy: { current: ['networking.k8s.io/v1'], removed: ['extensions/v1beta1'] },
  // network-policy-api v0.1.7 (v1alpha1) and v0.2.0 (v1alpha2).
  AdminNetworkPolicy: { current: ['policy.networking.k8s.io/v1alpha1'], removed: [] },
  BaselineAdminNetworkPolicy: { current: ['policy.networking.k8s.io/v1alpha1'], removed: [] },
  ClusterNetworkPolicy: { current: ['policy.networking.k8s.io/v1alpha2'], removed: [] },
};

/**
 * Kinds of the AdminNetworkPolicy API (policy.networking.k8s.io): read, validated and evaluated
 * at the apiVersions we know; at other apiVersions, skipped (and listed as unevaluated).
 */
const ADMIN_POLICY_KINDS: ReadonlySet<string> = new Set([
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
]);

/**
 * API groups whose policies change traffic without being Kubernetes NetworkPolicy: CNI plugins
 * (Cilium, Calico, Antrea), service meshes (Istio, Linkerd, Kuma, Consul) and anything named
 * after networking (`policy.networking.k8s.io`, `gateway.networking.k8s.io`, ...).
 */
const NETWORKING_GROUP =
  /(^|\.)(cilium\.io|projectcalico\.org|antrea\.io|istio\.io|linkerd\.io|kuma\.io|consul\.hashicorp\.com)$|network/;

/**
 * Whether an object of this apiVersion and kind is a policy that can change who reaches whom:
 * a kind with "Policy" in its name from a networking API group (CiliumNetworkPolicy, Calico
 * GlobalNetworkPolicy, Istio AuthorizationPolicy, AdminNetworkPolicy, ...), or a NetworkPolicy
 * of any group other than `networking.k8s.io`.
 */
export function changesTraffic(apiVersion: string, kind: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (group === 'networking.k8s.io' || group === 'extensions') return false;
  if (kind === 'NetworkPolicy' && group !== '') return true;
  return /Policy/.test(kind) && NETWORKING_GROUP.test(group);
}

/** What to do with an object, judged from its `apiVersion` and `kind`. */
export type KindDecision =
  | { readonly action: 'read'; readonly kind: ReadKind; readonly removedVersion: boolean }
  | {
      readonly action: 'skip';
      readonly severity: 'error' | 'warning';
      /** The field to point at, if any. */
      readonly path: readonly string[];
      readonly message: string;
      /** Set when the object can change traffic: why it is not evaluated. */
      readonly unevaluated?: string;
    };

/**
 * Decides how to treat an object:
 *
 * - a kind we read, at a served apiVersion: read it;
 * - at a removed apiVersion (`apps/v1beta2` Deployment, ...): read it, with a warning; except
 *   `extensions/v1beta1` NetworkPolicy, an error: the policy is what we evaluate, and a cluster
 *   since Kubernetes 1.16 refuses it, so neither reading nor skipping it would be faithful;
 * - a policy that can change traffic but that we do not evaluate (see {@link changesTraffic}:
 *   Calico's `projectcalico.org/v3` NetworkPolicy, CiliumNetworkPolicy, AdminNetworkPolicy,
 *   Istio AuthorizationPolicy, ...): skipped with a warning that says answers ignore it, and
 *   marked `unevaluated`, so that callers can name it loudly;
 * - a kind we read at any other apiVersion (Knative's `serving.knative.dev/v1` Service, ...): a
 *   different API that happens to share the kind name; skipped with a warning;
 * - anything else (ConfigMap, ServiceAccount, custom resources, ...): skipped with a warning.
 */
export function classifyKind(apiVersion: string, kind: string): KindDecision {
  const shownVersion = clip(apiVersion);
  const shownKind = clip(kind);
  if (Object.hasOwn(KIND_RULES, kind)) {
    const readKind = kind as ReadKind;
    const rule = KIND_RULES[readKind];
    if (rule.current.includes(apiVersion)) {
      return { action: 'read', kind: readKind, removedVersion: false };
    }
    const expected = rule.current.join(', ');
    if (changesTraffic(apiVersion, kind))
      return unevaluated(shownVersion, shownKind, ['apiVersion']);
    if (rule.removed.includes(apiVersion)) {
      if (readKind === 'NetworkPolicy') {
        return {
          action: 'skip',
          severity: 'error',
          path: ['apiVersion'],
          message: `${shownVersion} ${kind} was removed in Kubernetes 1.16; use ${expected}`,
        };
      }
      return { action: 'read', kind: readKind, removedVersion: true };
    }
    return {
      action: 'skip',
      severity: 'warning',
      path: ['apiVersion'],
      message: `${shownVersion} ${kind} is not the Kubernetes ${expected} ${kind}; skipped`,
    };
  }
  if (ADMIN_POLICY_KINDS.has(kind) || changesTraffic(apiVersion, kind)) {
    return unevaluated(shownVersion, shownKind, []);
  }
  return {
    action: 'skip',
    severity: 'warning',
    path: [],
    message: `${shownKind} (${shownVersion}) does not affect pod reachability; skipped`,
  };
}

/** The warning and the reason that list an object as unevaluated. */
export function unevaluatedTexts(
  apiVersion: string,
  kind: string,
): { readonly message: string; readonly reason: string } {
  const why = `${clip(apiVersion)} ${clip(kind)} can change traffic but is not evaluated`;
  return {
    message: `${why}; skipped: answers ignore it`,
    reason: `${why} by kube-reach, which reads only networking.k8s.io/v1 NetworkPolicy`,
  };
}

function unevaluated(apiVersion: string, kind: string, path: readonly string[]): KindDecision {
  const { message, reason } = unevaluatedTexts(apiVersion, kind);
  return { action: 'skip', severity: 'warning', path, message, unevaluated: reason };
}

/** The apiVersion the API server serves today for a kind we read. */
export function currentVersion(kind: ReadKind): string {
  return KIND_RULES[kind].current[0] ?? 'v1';
}
