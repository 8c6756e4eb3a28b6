import type { Labels, WorkloadKind } from '../model/index.js';
import { formatIp, parseCidr, parseIp } from '../net/index.js';
import { labelKeyError, labelValueError } from './label-syntax.js';

/** What an object endpoint may name: a Pod, a workload (its pods), or a Service (its backends). */
export type EndpointResource = 'Pod' | WorkloadKind | 'Service';

/**
 * An endpoint as written (`shop/deploy/web`, `svc/db`, `ns/[app=web]`, `10.0.0.7`,
 * `203.0.113.0/24`, `external`), read but not yet looked up in a cluster.
 */
export type EndpointSpec =
  | ObjectEndpointSpec
  | LabelsEndpointSpec
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'cidr'; readonly cidr: string }
  | NodeEndpointSpec
  | { readonly kind: 'external' };

/** `node/NAME` (also `nodes/NAME`, `no/NAME`): the addresses of a Node. */
export interface NodeEndpointSpec {
  readonly kind: 'node';
  readonly name: string;
  /**
   * The word before the slash (`node`, `nodes`, `no`): when the cluster has a namespace of that
   * name and no node called `name`, the text means `name` in that namespace instead.
   */
  readonly alternativeNamespace: string;
}

/** `name`, `ns/name`, `kind/name`, `ns/kind/name`. */
export interface ObjectEndpointSpec {
  readonly kind: 'object';
  /** Absent: the caller's default namespace (the CLI's `-n`). */
  readonly namespace?: string;
  /** Absent: a Pod or a workload, whichever has the name (never a Service). */
  readonly resource?: EndpointResource;
  readonly name: string;
  /**
   * Set for `first/name` when `first` is also a kind (`deploy/web`, `job/web`): when the cluster
   * has a namespace called `first`, the text means `name` in that namespace instead.
   */
  readonly alternativeNamespace?: string;
}

/**
 * `ns/[app=web,tier!=db]`: a hypothetical pod that carries exactly the `k=v` labels (`present`)
 * and so lacks every `k=v` of `absent`.
 */
export interface LabelsEndpointSpec {
  readonly kind: 'labels';
  /** Absent: the caller's default namespace. */
  readonly namespace?: string;
  /** The labels the pod carries, by key. */
  readonly present: Labels;
  /** `k!=v` entries: label values the pod does not carry (documentation, checked for conflicts). */
  readonly absent: readonly (readonly [string, string])[];
}

/** {@link parseEndpoint}'s answer: the spec, or a one-line reason. */
export type ParseEndpointResult =
  | { readonly ok: true; readonly spec: EndpointSpec }
  | { readonly ok: false; readonly message: string };

/** kubectl's names for the kinds an endpoint can name: singular, plural and short, any case. */
const KIND_ALIASES: ReadonlyMap<string, EndpointResource> = new Map<string, EndpointResource>([
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
  ['svc', 'Service'],
  ['service', 'Service'],
  ['services', 'Service'],
]);

/** kubectl's names for Nodes, any case: cluster-scoped, so only `node/NAME`. */
const NODE_ALIASES: ReadonlySet<string> = new Set(['no', 'node', 'nodes']);

/** How the kinds are listed in messages. */
const ENDPOINT_KIND_HELP =
  'pod (po), deployment (deploy), statefulset (sts), daemonset (ds), replicaset (rs), replicationcontroller (rc), job, cronjob (cj), service (svc)';

/** The words `external` (and its alias `world`) name an address outside the cluster. */
const EXTERNAL_WORDS = new Set(['external', 'world']);

/**
 * The resource a kind names as typed on a command line (`deploy`, `Deployments`, `svc`), or
 * `undefined`.
 *
 * @param text - the kind as typed, any case
 * @returns the resource, or `undefined` for an unknown kind
 */
export function parseEndpointKind(text: string): EndpointResource | undefined {
  return KIND_ALIASES.get(text.toLowerCase());
}

/**
 * Reads an endpoint as people write it; the one grammar of the CLI's arguments, `reach test`
 * expectation files and library callers. Does not look anything up: resolve the spec against
 * a cluster afterwards. Never throws.
 *
 * Forms: an IPv4 or IPv6 address; a CIDR block (`203.0.113.0/24`); `external` or `world`;
 * `[k=v,k2!=v2]` or `ns/[k=v]` (a hypothetical pod with those labels); `node/NAME` (also
 * `nodes/NAME`, `no/NAME`: a Node's addresses); `name`, `ns/name`, `kind/name` and
 * `ns/kind/name` with kubectl's kind names (`svc/db` is a Service).
 *
 * @param text - the endpoint as typed
 * @returns the spec, or a one-line message saying what is wrong
 * @example
 * ```ts
 * parseEndpoint('shop/svc/db');   // { ok: true, spec: { kind: 'object', namespace: 'shop', resource: 'Service', name: 'db' } }
 * parseEndpoint('ns/[app=web]');  // { ok: true, spec: { kind: 'labels', namespace: 'ns', present: Map { app => web }, absent: [] } }
 * ```
 */
export function parseEndpoint(text: string): ParseEndpointResult {
  if (text.trim() === '') return fail('an endpoint cannot be empty');
  if (/\s/.test(text) && !text.includes('[')) {
    return fail(`invalid endpoint "${text}": it contains white space`);
  }
  if (EXTERNAL_WORDS.has(text.toLowerCase())) return ok({ kind: 'external' });

  const ip = parseIp(text);
  if (ip !== undefined) return ok({ kind: 'address', address: formatIp(ip.family, ip.value) });

  // A CIDR: an address, a slash, digits.
  const slash = text.lastIndexOf('/');
  if (slash > 0 && parseIp(text.slice(0, slash)) !== undefined) {
    const parsed = parseCidr(text);
    if ('error' in parsed) return fail(`invalid CIDR "${text}": ${parsed.reason}`);
    return ok({ kind: 'cidr', cidr: parsed.canonical });
  }

  const bracket = text.indexOf('[');
  if (bracket >= 0) return parseLabels(text, bracket);

  const parts = text.split('/');
  if (parts.some((part) => part === '') || parts.length > 3) return invalid(text);
  if (parts.length === 3) {
    const [namespace = '', kindText = '', name = ''] = parts;
    const resource = parseEndpointKind(kindText);
    if (NODE_ALIASES.has(kindText.toLowerCase())) {
      return fail(`invalid endpoint "${text}": nodes have no namespace; write node/${name}`);
    }
    if (resource === undefined) {
      return fail(
        `unknown kind "${kindText}" in endpoint "${text}"; use one of: ${ENDPOINT_KIND_HELP}`,
      );
    }
    return ok({ kind: 'object', namespace, resource, name });
  }
  if (parts.length === 2) {
    const [first = '', name = ''] = parts;
    if (NODE_ALIASES.has(first.toLowerCase())) {
      return ok({ kind: 'node', name, alternativeNamespace: first });
    }
    const resource = parseEndpointKind(first);
    if (resource !== undefined) {
      return ok({ kind: 'object', resource, name, alternativeNamespace: first });
    }
    return ok({ kind: 'object', namespace: first, name });
  }
  return ok({ kind: 'object', name: text });
}

function parseLabels(text: string, bracket: number): ParseEndpointResult {
  const prefix = text.slice(0, bracket);
  if (!text.endsWith(']') || text.indexOf('[', bracket + 1) >= 0) {
    return fail(
      `invalid endpoint "${text}": labels go in one pair of brackets at the end, as ns/[app=web]`,
    );
  }
  let namespace: string | undefined;
  if (prefix !== '') {
    if (!prefix.endsWith('/') || prefix.slice(0, -1).includes('/') || prefix === '/') {
      return fail(`invalid endpoint "${text}": expected [LABELS] or NAMESPACE/[LABELS]`);
    }
    namespace = prefix.slice(0, -1);
  }
  const body = text.slice(bracket + 1, -1);
  const present = new Map<string, string>();
  const absent: [string, string][] = [];
  const entries = body.split(',').map((entry) => entry.trim());
  if (body.trim() === '') {
    // `[]`: a pod with no labels at all.
    return ok({
      kind: 'labels',
      ...(namespace === undefined ? {} : { namespace }),
      present,
      absent,
    });
  }
  for (const entry of entries) {
    const match = /^([^=!]+?)\s*(!=|==|=)\s*(.*)$/.exec(entry);
    if (match === null) {
      return fail(
        `invalid label "${entry}" in endpoint "${text}": a hypothetical pod takes key=value or key!=value`,
      );
    }
    const [, key = '', op = '', value = ''] = match;
    const keyError = labelKeyError(key);
    if (keyError !== undefined)
      return fail(`invalid label key "${key}" in endpoint "${text}": ${keyError}`);
    const valueError = labelValueError(value);
    if (valueError !== undefined) {
      return fail(`invalid label value "${value}" in endpoint "${text}": ${valueError}`);
    }
    if (op === '!=') {
      absent.push([key, value]);
    } else {
      const previous = present.get(key);
      if (previous !== undefined && previous !== value) {
        return fail(
          `endpoint "${text}" gives label "${key}" two values ("${previous}" and "${value}")`,
        );
      }
      present.set(key, value);
    }
  }
  for (const [key, value] of absent) {
    if (present.get(key) === value) {
      return fail(`endpoint "${text}" both sets and excludes ${key}=${value}`);
    }
  }
  const sortedPresent = new Map([...present].sort(([a], [b]) => compareText(a, b)));
  const sortedAbsent = [
    ...new Map(absent.map((pair) => [`${pair[0]}=${pair[1]}`, pair])).values(),
  ].sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
  return ok({
    kind: 'labels',
    ...(namespace === undefined ? {} : { namespace }),
    present: sortedPresent,
    absent: sortedAbsent,
  });
}

/**
 * The canonical bracket text of a hypothetical pod's labels: `[app=web,tier!=db]`, keys sorted,
 * `=` entries before `!=` entries of the same key. It is also the pod's name in the cluster (a
 * name no real pod can have).
 *
 * @param spec - the labels of a hypothetical pod endpoint
 * @returns the bracketed text
 */
export function formatLabelsText(spec: Pick<LabelsEndpointSpec, 'present' | 'absent'>): string {
  const entries: { key: string; text: string; order: number }[] = [
    ...[...spec.present].map(([key, value]) => ({ key, text: `${key}=${value}`, order: 0 })),
    ...spec.absent.map(([key, value]) => ({ key, text: `${key}!=${value}`, order: 1 })),
  ];
  entries.sort(
    (a, b) => compareText(a.key, b.key) || a.order - b.order || compareText(a.text, b.text),
  );
  return `[${entries.map((e) => e.text).join(',')}]`;
}

/**
 * An endpoint spec written back in its canonical form, with `defaultNamespace` filled in where
 * the text gave none: `shop/deployment/web`, `shop/service/db`, `shop/[app=web]`, `10.0.0.7`,
 * `203.0.113.0/24`, `node/worker-1`, `external`. A name without a kind stays `namespace/name`.
 *
 * @param spec - a spec from {@link parseEndpoint}
 * @param defaultNamespace - the namespace of endpoints written without one
 * @returns the canonical text
 */
export function formatEndpointSpec(spec: EndpointSpec, defaultNamespace: string): string {
  switch (spec.kind) {
    case 'address':
      return spec.address;
    case 'cidr':
      return spec.cidr;
    case 'external':
      return 'external';
    case 'node':
      return `node/${spec.name}`;
    case 'labels':
      return `${spec.namespace ?? defaultNamespace}/${formatLabelsText(spec)}`;
    case 'object': {
      const namespace = spec.namespace ?? defaultNamespace;
      if (spec.resource === undefined || spec.resource === 'Pod')
        return `${namespace}/${spec.name}`;
      return `${namespace}/${spec.resource.toLowerCase()}/${spec.name}`;
    }
  }
}

function invalid(text: string): ParseEndpointResult {
  return fail(
    `invalid endpoint "${text}": expected NAME, NAMESPACE/NAME, NAMESPACE/KIND/NAME, NAMESPACE/[LABELS], node/NAME, an IP address, a CIDR or external`,
  );
}

function ok(spec: EndpointSpec): ParseEndpointResult {
  return { ok: true, spec };
}

function fail(message: string): ParseEndpointResult {
  return { ok: false, message };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
