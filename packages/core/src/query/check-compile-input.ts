import { ReachError, type ReachErrorCode } from '../errors.js';
import type { SemanticsOptions } from '../model/index.js';
import { KNOB_VALUES, resolveProfile } from '../profiles/index.js';

const OPTION_KEYS: readonly string[] = [
  'ipBlockMatchesPods',
  'hostNetworkPods',
  'cni',
  'ipBlockMatchesNodes',
  'nodeIngress',
  'egressToOwnNode',
  'hostNetworkPeers',
  'endPort',
  'sctp',
  'namedPortsInEgress',
  'ipFamilies',
  'adminPolicies',
  'adminPriorityCap',
  'enforcesNetworkPolicy',
];

/**
 * Checks what `compile` is given, so that a caller outside TypeScript (or one that built a
 * cluster by hand) gets a {@link ReachError} naming the bad field rather than a `TypeError` from
 * deep inside the compiler, and no option is silently ignored.
 *
 * @throws {@link ReachError} `invalid-options` for an unknown option or a value of the wrong
 *   type; `invalid-cluster` for a cluster that lacks a list or whose objects lack their fields.
 */
export function checkCompileInput(cluster: unknown, options: unknown): void {
  checkOptions(options);
  const c = record(cluster, 'cluster', 'invalid-cluster');
  for (const list of LISTS) {
    if (!Array.isArray(c[list])) invalid('invalid-cluster', `cluster.${list}`, 'a list', c[list]);
  }
  for (const name of OPTIONAL_LISTS) {
    if (c[name] !== undefined) list(c[name], `cluster.${name}`, 'invalid-cluster');
  }
  checkObjects(c, 'cluster', 'invalid-cluster');
}

/** The lists of a cluster, and of the objects a change adds. */
const LISTS = ['namespaces', 'pods', 'workloads', 'services', 'policies'] as const;

/** The lists a cluster may lack (absent = none), which a change may also add. */
const OPTIONAL_LISTS = ['adminPolicies', 'nodes'] as const;

/** The kinds without a namespace. */
const CLUSTER_SCOPED_KINDS: readonly string[] = [
  'Namespace',
  'Node',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
];

/** The kinds a change can remove: those the model holds. */
const REMOVABLE_KINDS: readonly string[] = [
  ...CLUSTER_SCOPED_KINDS,
  'Pod',
  'Service',
  'NetworkPolicy',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
];

/**
 * Checks what `engine.with` is given, as {@link checkCompileInput} checks `compile`'s input:
 * the change is an object with only `add` and `remove`; `add` holds only a cluster's lists, each
 * of model objects with their fields; every `remove` entry names a kind the model holds, a
 * name, and a namespace unless its kind is cluster-scoped (Namespace, Node, the admin policies). So a typo (`adds`, `kind: 'pod'`, a ref without
 * its namespace) is an error instead of a change that silently does nothing.
 *
 * @throws {@link ReachError} `invalid-change` naming the bad field, e.g. `change.add.pods[0].labels`.
 */
export function checkChange(change: unknown): void {
  const c = record(change, 'change', 'invalid-change');
  only(c, ['add', 'remove'], 'change');
  if (c.add !== undefined) {
    const add = record(c.add, 'change.add', 'invalid-change');
    only(add, [...LISTS, ...OPTIONAL_LISTS], 'change.add');
    for (const name of [...LISTS, ...OPTIONAL_LISTS]) {
      const value = add[name];
      if (value !== undefined && !Array.isArray(value)) {
        invalid('invalid-change', `change.add.${name}`, 'a list', value);
      }
    }
    checkObjects(add, 'change.add', 'invalid-change');
  }
  if (c.remove !== undefined) {
    if (!Array.isArray(c.remove)) invalid('invalid-change', 'change.remove', 'a list', c.remove);
    (c.remove as unknown[]).forEach((raw, i) => {
      const at = `change.remove[${i}]`;
      const ref = record(raw, at, 'invalid-change');
      only(ref, ['kind', 'namespace', 'name'], at);
      text(ref.kind, `${at}.kind`, 'invalid-change');
      text(ref.name, `${at}.name`, 'invalid-change');
      if (!REMOVABLE_KINDS.includes(ref.kind as string)) {
        throw new ReachError(
          'invalid-change',
          `${at}.kind: ${JSON.stringify(ref.kind)} is not a kind the model holds; known: ${REMOVABLE_KINDS.join(', ')}`,
        );
      }
      if (!CLUSTER_SCOPED_KINDS.includes(ref.kind as string)) {
        text(ref.namespace, `${at}.namespace`, 'invalid-change');
      }
    });
  }
}

/** Refuses keys other than `known`, so that a misspelt one is not silently ignored. */
function only(value: Record<string, unknown>, known: readonly string[], at: string): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new ReachError(
        'invalid-change',
        `${at}.${key}: unknown field; known: ${known.join(', ')}`,
      );
    }
  }
}

/** The objects of whichever lists are present, each with the fields the compiler reads. */
function checkObjects(lists: Record<string, unknown>, base: string, code: ReachErrorCode): void {
  const shape = lists as Partial<
    Record<(typeof LISTS)[number] | (typeof OPTIONAL_LISTS)[number], readonly unknown[]>
  >;
  (shape.nodes ?? []).forEach((raw, i) => {
    const at = `${base}.nodes[${i}]`;
    const node = record(raw, at, code);
    text(node.name, `${at}.name`, code);
    labels(node.labels, `${at}.labels`, code);
    list(node.addresses, `${at}.addresses`, code);
  });
  (shape.adminPolicies ?? []).forEach((raw, i) => {
    const at = `${base}.adminPolicies[${i}]`;
    const p = record(raw, at, code);
    text(p.name, `${at}.name`, code);
    text(p.origin, `${at}.origin`, code);
    text(p.tier, `${at}.tier`, code);
    if (typeof p.priority !== 'number') invalid(code, `${at}.priority`, 'a number', p.priority);
    record(p.subject, `${at}.subject`, code);
    list(p.ingress, `${at}.ingress`, code);
    list(p.egress, `${at}.egress`, code);
  });
  (shape.namespaces ?? []).forEach((raw, i) => {
    const at = `${base}.namespaces[${i}]`;
    const ns = record(raw, at, code);
    text(ns.name, `${at}.name`, code);
    labels(ns.labels, `${at}.labels`, code);
  });
  (shape.pods ?? []).forEach((raw, i) => {
    const at = `${base}.pods[${i}]`;
    const pod = identity(raw, at, code);
    labels(pod.labels, `${at}.labels`, code);
    list(pod.ports, `${at}.ports`, code);
    list(pod.ips, `${at}.ips`, code);
  });
  (shape.workloads ?? []).forEach((w, i) => {
    identity(w, `${base}.workloads[${i}]`, code);
  });
  (shape.services ?? []).forEach((raw, i) => {
    const s = identity(raw, `${base}.services[${i}]`, code);
    list(s.ports, `${base}.services[${i}].ports`, code);
  });
  (shape.policies ?? []).forEach((raw, i) => {
    const at = `${base}.policies[${i}]`;
    const p = identity(raw, at, code);
    const selector = record(p.podSelector, `${at}.podSelector`, code);
    labels(selector.matchLabels, `${at}.podSelector.matchLabels`, code);
    list(selector.matchExpressions, `${at}.podSelector.matchExpressions`, code);
    list(p.policyTypes, `${at}.policyTypes`, code);
    list(p.ingress, `${at}.ingress`, code);
    list(p.egress, `${at}.egress`, code);
  });
}

function checkOptions(options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ReachError('invalid-options', `options: expected an object, got ${typeOf(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw new ReachError(
        'invalid-options',
        `options.${key}: unknown option; known: ${OPTION_KEYS.join(', ')}`,
      );
    }
  }
  const { ipBlockMatchesPods, hostNetworkPods, cni, adminPriorityCap } =
    options as Partial<SemanticsOptions>;
  if (
    ipBlockMatchesPods !== undefined &&
    typeof ipBlockMatchesPods !== 'boolean' &&
    ipBlockMatchesPods !== 'egress-only'
  ) {
    throw new ReachError(
      'invalid-options',
      `options.ipBlockMatchesPods: expected a boolean or 'egress-only', got ${typeOf(ipBlockMatchesPods)}`,
    );
  }
  if (cni !== undefined) {
    if (typeof cni !== 'string') {
      throw new ReachError('invalid-options', `options.cni: expected a string, got ${typeOf(cni)}`);
    }
    resolveProfile(cni);
  }
  if (
    adminPriorityCap !== undefined &&
    (typeof adminPriorityCap !== 'number' || !Number.isInteger(adminPriorityCap))
  ) {
    throw new ReachError(
      'invalid-options',
      `options.adminPriorityCap: expected an integer, got ${typeOf(adminPriorityCap)}`,
    );
  }
  for (const [key, values] of Object.entries(KNOB_VALUES)) {
    if (values === undefined) continue;
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined && !values.includes(value)) {
      throw new ReachError(
        'invalid-options',
        `options.${key}: expected ${values.map((v) => JSON.stringify(v)).join(' or ')}, got ${JSON.stringify(value) ?? typeOf(value)}`,
      );
    }
  }
  if (hostNetworkPods !== undefined && hostNetworkPods !== 'node' && hostNetworkPods !== 'pods') {
    throw new ReachError(
      'invalid-options',
      `options.hostNetworkPods: expected 'node' or 'pods', got ${JSON.stringify(hostNetworkPods) ?? typeOf(hostNetworkPods)}`,
    );
  }
}

function record(value: unknown, at: string, code: ReachErrorCode): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(code, at, 'an object', value);
  }
  return value as Record<string, unknown>;
}

function identity(value: unknown, at: string, code: ReachErrorCode): Record<string, unknown> {
  const r = record(value, at, code);
  text(r.namespace, `${at}.namespace`, code);
  text(r.name, `${at}.name`, code);
  return r;
}

function text(value: unknown, at: string, code: ReachErrorCode): void {
  if (typeof value !== 'string') invalid(code, at, 'a string', value);
}

function list(value: unknown, at: string, code: ReachErrorCode): void {
  if (!Array.isArray(value)) invalid(code, at, 'a list', value);
}

function labels(value: unknown, at: string, code: ReachErrorCode): void {
  if (!(value instanceof Map)) invalid(code, at, 'a Map of labels', value);
}

function invalid(code: ReachErrorCode, at: string, expected: string, got: unknown): never {
  throw new ReachError(code, `${at}: expected ${expected}, got ${typeOf(got)}`);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Map) return 'a Map';
  return typeof value;
}
