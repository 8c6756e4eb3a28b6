import { ReachError } from '../errors.js';
import type { Cluster, SemanticsOptions } from '../model/index.js';

const OPTION_KEYS: readonly string[] = ['ipBlockMatchesPods', 'hostNetworkPods'];

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
  const c = record(cluster, 'cluster');
  for (const list of ['namespaces', 'pods', 'workloads', 'services', 'policies'] as const) {
    if (!Array.isArray(c[list])) invalid(`cluster.${list}`, 'a list', c[list]);
  }
  const shape = c as unknown as Cluster;
  shape.namespaces.forEach((ns, i) => {
    const at = `cluster.namespaces[${i}]`;
    text(record(ns, at).name, `${at}.name`);
    labels(ns.labels, `${at}.labels`);
  });
  shape.pods.forEach((pod, i) => {
    const at = `cluster.pods[${i}]`;
    identity(pod, at);
    labels(pod.labels, `${at}.labels`);
    list(pod.ports, `${at}.ports`);
    list(pod.ips, `${at}.ips`);
  });
  shape.workloads.forEach((w, i) => {
    identity(w, `cluster.workloads[${i}]`);
  });
  shape.services.forEach((s, i) => {
    identity(s, `cluster.services[${i}]`);
    list(s.ports, `cluster.services[${i}].ports`);
  });
  shape.policies.forEach((p, i) => {
    const at = `cluster.policies[${i}]`;
    identity(p, at);
    const selector = record(p.podSelector, `${at}.podSelector`);
    labels(selector.matchLabels, `${at}.podSelector.matchLabels`);
    list(selector.matchExpressions, `${at}.podSelector.matchExpressions`);
    list(p.policyTypes, `${at}.policyTypes`);
    list(p.ingress, `${at}.ingress`);
    list(p.egress, `${at}.egress`);
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
  const { ipBlockMatchesPods, hostNetworkPods } = options as Partial<SemanticsOptions>;
  if (ipBlockMatchesPods !== undefined && typeof ipBlockMatchesPods !== 'boolean') {
    throw new ReachError(
      'invalid-options',
      `options.ipBlockMatchesPods: expected a boolean, got ${typeOf(ipBlockMatchesPods)}`,
    );
  }
  if (hostNetworkPods !== undefined && hostNetworkPods !== 'node' && hostNetworkPods !== 'pods') {
    throw new ReachError(
      'invalid-options',
      `options.hostNetworkPods: expected 'node' or 'pods', got ${JSON.stringify(hostNetworkPods) ?? typeOf(hostNetworkPods)}`,
    );
  }
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(at, 'an object', value);
  }
  return value as Record<string, unknown>;
}

function identity(value: unknown, at: string): void {
  const r = record(value, at);
  text(r.namespace, `${at}.namespace`);
  text(r.name, `${at}.name`);
}

function text(value: unknown, at: string): void {
  if (typeof value !== 'string') invalid(at, 'a string', value);
}

function list(value: unknown, at: string): void {
  if (!Array.isArray(value)) invalid(at, 'a list', value);
}

function labels(value: unknown, at: string): void {
  if (!(value instanceof Map)) invalid(at, 'a Map of labels', value);
}

function invalid(at: string, expected: string, got: unknown): never {
  throw new ReachError('invalid-cluster', `${at}: expected ${expected}, got ${typeOf(got)}`);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Map) return 'a Map';
  return typeof value;
}
