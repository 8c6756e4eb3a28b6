import type { AdminPeer, AdminRule, AdminSubject, LabelSelector } from '../model/index.js';
import { isCidrError, parseCidr } from '../net/index.js';
import type { AdminApi } from './admin-api.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, error, warning } from './context.js';
import { decodeAdminPorts, oneOf, pickOne } from './decode-admin-ports.js';
import { decodeSelector } from './decode-selector.js';
import { decodeList, decodeRecord, decodeString, decodeStringList } from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import type { PathSegment } from './issue.js';
import {
  duplicateMessage,
  forbiddenMessage,
  invalidMessage,
  requiredMessage,
  tooManyMessage,
  unsupportedMessage,
} from './messages.js';

const EMPTY_SELECTOR: LabelSelector = { matchLabels: new Map(), matchExpressions: [] };
const SUBJECT_FIELDS = ['namespaces', 'pods'];
const EGRESS_PEER_FIELDS = ['domainNames', 'namespaces', 'networks', 'nodes', 'pods'];
/** Peers that only egress rules have (`AdminNetworkPolicyEgressPeer`, `ClusterNetworkPolicyEgressPeer`). */
const EGRESS_ONLY = ['domainNames', 'networks', 'nodes'];
/**
 * The `DomainName` pattern of both versions: an exact name, or `*.` and a name; labels of
 * letters, digits, `-` and `_`, not starting or ending with `-` or `_`; an optional final dot.
 */
const DOMAIN_NAME =
  /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;
/** `CIDR`: `MaxLength=43`. */
const MAX_CIDR_LENGTH = 43;
/** `networks` and `domainNames`: 1 to 25 entries, a set. */
const MAX_LIST = 25;

/**
 * `spec.subject` (also a `pods` peer): exactly one of `namespaces` (a namespace selector) and
 * `pods` (`namespaceSelector` and `podSelector`). `pods.podSelector` is required in both versions;
 * `pods.namespaceSelector` is required in v1alpha1 and optional in v1alpha2 (absent selects every
 * namespace).
 */
export function decodeAdminSubject(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
  api: AdminApi,
  fields: readonly string[] = SUBJECT_FIELDS,
): AdminSubject | undefined {
  const record = decodeRecord(ctx, raw, path);
  if (record === undefined) {
    if (raw === undefined || raw === null) error(ctx, 'missing-field', path, requiredMessage());
    return undefined;
  }
  const field = oneOf(ctx, record, path, fields);
  return field === undefined ? undefined : selectorPeer(ctx, record, [...path], field, api);
}

function selectorPeer(
  ctx: DecodeContext,
  record: RawRecord,
  path: readonly PathSegment[],
  field: string,
  api: AdminApi,
): AdminSubject | undefined {
  const fieldPath = [...path, field];
  if (field === 'namespaces') {
    const namespaceSelector = decodeSelector(ctx, getOwn(record, field), fieldPath);
    return namespaceSelector === undefined ? undefined : { kind: 'namespaces', namespaceSelector };
  }
  const pods = decodeRecord(ctx, getOwn(record, field), fieldPath);
  if (pods === undefined) return undefined;
  checkFields(ctx, pods, fieldPath, ['namespaceSelector', 'podSelector']);
  const nsRaw = getOwn(pods, 'namespaceSelector');
  const nsPath = [...fieldPath, 'namespaceSelector'];
  const podPath = [...fieldPath, 'podSelector'];
  if ((nsRaw === undefined || nsRaw === null) && api.version === 'v1alpha1') {
    error(ctx, 'missing-field', nsPath, requiredMessage());
  }
  if (getOwn(pods, 'podSelector') === undefined || getOwn(pods, 'podSelector') === null) {
    error(ctx, 'missing-field', podPath, requiredMessage());
  }
  const namespaceSelector = decodeSelector(ctx, nsRaw, nsPath) ?? EMPTY_SELECTOR;
  const podSelector = decodeSelector(ctx, getOwn(pods, 'podSelector'), podPath);
  return podSelector === undefined ? undefined : { kind: 'pods', namespaceSelector, podSelector };
}

/**
 * `spec.ingress` or `spec.egress`: at most 100 (v1alpha1) or 25 (v1alpha2) rules, each with an
 * optional `name` (at most 100 characters), a required `action` of the version's enum, 1 to 100
 * (v1alpha1) or 1 to 25 (v1alpha2) peers, and optional ports. Ingress peers are `namespaces` or
 * `pods` only; egress peers may also be `nodes`, `networks` or `domainNames`. The egress CEL rule
 * of the experimental CRDs forbids named ports in a rule with a nodes, networks or domainNames
 * peer ("there are no namedPorts for networks/nodes/domainNames").
 */
export function decodeAdminRules(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
  api: AdminApi,
  direction: 'ingress' | 'egress',
): AdminRule[] {
  const list = decodeList(ctx, raw, path) ?? [];
  if (list.length > api.maxRules)
    error(ctx, 'invalid-value', path, tooManyMessage(list.length, api.maxRules));
  const peersField = direction === 'ingress' ? 'from' : 'to';
  const known = ['action', 'name', peersField, api.portsField];
  const rules: AdminRule[] = [];
  list.forEach((entry, i) => {
    const rulePath = [...path, i];
    const record = decodeRecord(ctx, entry, rulePath);
    if (record === undefined) return;
    checkFields(ctx, record, rulePath, known);
    const name = decodeString(ctx, getOwn(record, 'name'), [...rulePath, 'name']);
    if (name !== undefined && name.length > 100) {
      error(
        ctx,
        'invalid-value',
        [...rulePath, 'name'],
        `Too long: may not be more than 100 bytes`,
      );
    }
    const action = decodeAction(ctx, getOwn(record, 'action'), [...rulePath, 'action'], api);
    const peers = decodePeers(
      ctx,
      getOwn(record, peersField),
      [...rulePath, peersField],
      api,
      direction,
    );
    const { ports, named } = decodeAdminPorts(ctx, record, rulePath, api);
    if (named && peers.some((p) => EGRESS_ONLY.includes(p.kind))) {
      error(
        ctx,
        'invalid-value',
        rulePath,
        invalidMessage(
          'object',
          'networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
        ),
      );
    }
    if (action === undefined) return;
    rules.push({
      ...(name ? { name } : {}),
      action,
      peers,
      ...(ports === undefined ? {} : { ports }),
    });
  });
  return rules;
}

function decodeAction(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
  api: AdminApi,
) {
  const written = decodeString(ctx, raw, path, '');
  if (written === undefined) return undefined;
  const action = Object.hasOwn(api.actions, written) ? api.actions[written] : undefined;
  if (action === undefined)
    error(ctx, 'invalid-value', path, unsupportedMessage(written, Object.keys(api.actions)));
  return action;
}

function decodePeers(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
  api: AdminApi,
  direction: 'ingress' | 'egress',
): AdminPeer[] {
  const list = decodeList(ctx, raw, path);
  if (list === undefined) {
    if (raw === undefined || raw === null) error(ctx, 'missing-field', path, requiredMessage());
    return [];
  }
  if (list.length === 0)
    error(ctx, 'invalid-value', path, 'Invalid value: 0: must have at least 1 items');
  if (list.length > api.maxPeers)
    error(ctx, 'invalid-value', path, tooManyMessage(list.length, api.maxPeers));
  const peers: AdminPeer[] = [];
  list.forEach((entry, i) => {
    const peerPath = [...path, i];
    const record = decodeRecord(ctx, entry, peerPath);
    if (record === undefined) return;
    const known =
      direction === 'ingress' ? [...SUBJECT_FIELDS, ...EGRESS_ONLY] : EGRESS_PEER_FIELDS;
    checkFields(ctx, record, peerPath, known);
    if (direction === 'ingress') {
      const forbidden = EGRESS_ONLY.filter((f) => getOwn(record, f) !== undefined);
      for (const field of forbidden) {
        const message = forbiddenMessage('ingress peers can only be `namespaces` or `pods`');
        error(ctx, 'invalid-value', [...peerPath, field], message);
      }
      if (forbidden.length > 0) return;
    }
    const fields = direction === 'ingress' ? SUBJECT_FIELDS : EGRESS_PEER_FIELDS;
    const field = pickOne(ctx, record, peerPath, fields);
    if (field === undefined) return;
    const peer = decodePeer(ctx, record, peerPath, field, api);
    if (peer !== undefined) peers.push(peer);
  });
  return peers;
}

function decodePeer(
  ctx: DecodeContext,
  record: RawRecord,
  path: readonly PathSegment[],
  field: string,
  api: AdminApi,
): AdminPeer | undefined {
  const fieldPath = [...path, field];
  if (field === 'namespaces' || field === 'pods')
    return selectorPeer(ctx, record, path, field, api);
  if (api.experimentalPeers.includes(field)) {
    warning(
      ctx,
      'experimental-field',
      fieldPath,
      `\`${field}\` peers are experimental in the network-policy-api ${api.version} (only in its experimental CRDs); a cluster with the standard CRDs drops or refuses them`,
    );
  }
  if (field === 'nodes') {
    const nodeSelector = decodeSelector(ctx, getOwn(record, field), fieldPath);
    return nodeSelector === undefined ? undefined : { kind: 'nodes', nodeSelector };
  }
  const values = decodeStringList(ctx, getOwn(record, field), fieldPath) ?? [];
  if (values.length === 0)
    error(ctx, 'invalid-value', fieldPath, 'Invalid value: 0: must have at least 1 items');
  if (values.length > MAX_LIST)
    error(ctx, 'invalid-value', fieldPath, tooManyMessage(values.length, MAX_LIST));
  const seen = new Set<string>();
  const kept: string[] = [];
  values.forEach((value, i) => {
    const valuePath = [...fieldPath, i];
    if (seen.has(value)) {
      error(ctx, 'invalid-value', valuePath, duplicateMessage(value));
      return;
    }
    seen.add(value);
    if (
      field === 'networks'
        ? checkCidr(ctx, value, valuePath)
        : checkDomainName(ctx, value, valuePath)
    ) {
      kept.push(value);
    }
  });
  if (field === 'networks') return { kind: 'networks', cidrs: kept };
  // Questions are asked about pods and IP addresses; the API says traffic to an IP never
  // matches a domainNames rule, so such a peer matches nothing here.
  warning(
    ctx,
    'unsupported-field',
    fieldPath,
    '`domainNames` peers match FQDN traffic only: traffic to an IP address never matches them, so this peer matches nothing in kube-reach answers',
  );
  return { kind: 'domainNames', domainNames: kept };
}

/**
 * A `networks` entry: at most 43 characters and a CIDR. v1alpha2 checks it with the CEL rule
 * `isCIDR(self)` ("Invalid CIDR format provided"); v1alpha1's CRD asks implementations to check
 * it with `net.ParseCIDR` (its CEL rule only refuses an IPv4 address embedded in IPv6). Both are
 * strict: no leading zeros. Host bits may be set (`10.0.0.1/8` is `10.0.0.0/8`).
 */
function checkCidr(ctx: DecodeContext, value: string, path: readonly PathSegment[]): boolean {
  if (value.length > MAX_CIDR_LENGTH) {
    error(ctx, 'bad-cidr', path, `Too long: may not be more than ${MAX_CIDR_LENGTH} bytes`);
    return false;
  }
  if (isCidrError(parseCidr(value))) {
    error(ctx, 'bad-cidr', path, invalidMessage(value, 'Invalid CIDR format provided'));
    return false;
  }
  return true;
}

function checkDomainName(ctx: DecodeContext, value: string, path: readonly PathSegment[]): boolean {
  if (DOMAIN_NAME.test(value)) return true;
  error(
    ctx,
    'invalid-value',
    path,
    invalidMessage(
      value,
      'must be a domain name, optionally starting with `*.` (e.g. `example.com`, `*.example.com`)',
    ),
  );
  return false;
}
