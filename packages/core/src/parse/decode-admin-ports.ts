import type { AdminPort, Protocol } from '../model/index.js';
import type { AdminApi } from './admin-api.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, error, warning } from './context.js';
import {
  decodeInteger,
  decodeList,
  decodeProtocol,
  decodeRecord,
  decodeString,
} from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import type { PathSegment } from './issue.js';
import { invalidMessage, requiredMessage, tooManyMessage } from './messages.js';
import { portNameErrors } from './names.js';

const V1ALPHA1_PORT_FIELDS = ['namedPort', 'portNumber', 'portRange'];
const V1ALPHA2_PROTOCOL_FIELDS = ['destinationNamedPort', 'sctp', 'tcp', 'udp'];
const PROTOCOL_KEYS: { readonly [field: string]: Protocol } = {
  tcp: 'TCP',
  udp: 'UDP',
  sctp: 'SCTP',
};

/**
 * A rule's `ports` (v1alpha1) or `protocols` (v1alpha2), converted to {@link AdminPort}s.
 * Absent stays absent (every port and protocol). Checked as the CRDs do: 1 to 100 (v1alpha1) or
 * 1 to 25 (v1alpha2) entries, exactly one field per entry, port numbers 1..65535, and
 * `start < end` for ranges (a CEL rule in v1alpha2; in v1alpha1 only the field's description
 * says so, so it is a warning there). Named ports are experimental in both versions.
 *
 * @returns the ports, and whether any is a named port (the caller checks the egress CEL rule).
 */
export function decodeAdminPorts(
  ctx: DecodeContext,
  rule: RawRecord,
  path: readonly PathSegment[],
  api: AdminApi,
): { ports?: AdminPort[]; named: boolean } {
  const listPath = [...path, api.portsField];
  const raw = getOwn(rule, api.portsField);
  const list = decodeList(ctx, raw, listPath);
  if (list === undefined) return { named: false };
  if (list.length === 0)
    error(ctx, 'invalid-value', listPath, 'Invalid value: 0: must have at least 1 items');
  if (list.length > api.maxPorts)
    error(ctx, 'invalid-value', listPath, tooManyMessage(list.length, api.maxPorts));
  const ports: AdminPort[] = [];
  list.forEach((entry, i) => {
    const entryPath = [...listPath, i];
    const record = decodeRecord(ctx, entry, entryPath);
    if (record === undefined) return;
    const port =
      api.version === 'v1alpha1'
        ? decodeV1alpha1Port(ctx, record, entryPath)
        : decodeV1alpha2Protocol(ctx, record, entryPath);
    if (port !== undefined) ports.push(port);
  });
  return { ports, named: ports.some((p) => p.kind === 'named') };
}

/** Reports a one-of object with no or several fields set; returns the one field, if exactly one. */
export function oneOf(
  ctx: DecodeContext,
  record: RawRecord,
  path: readonly PathSegment[],
  fields: readonly string[],
): string | undefined {
  checkFields(ctx, record, path, fields);
  return pickOne(ctx, record, path, fields);
}

/** Like {@link oneOf}, without the unknown-field check. */
export function pickOne(
  ctx: DecodeContext,
  record: RawRecord,
  path: readonly PathSegment[],
  fields: readonly string[],
): string | undefined {
  const set = fields.filter((f) => getOwn(record, f) !== undefined && getOwn(record, f) !== null);
  if (set.length === 1) return set[0];
  const list = fields.map((f) => `\`${f}\``).join(', ');
  error(
    ctx,
    set.length === 0 ? 'missing-field' : 'invalid-value',
    path,
    set.length === 0
      ? requiredMessage(`exactly one of ${list} must be set`)
      : `Invalid value: must have at most 1 properties: ${set.map((f) => `\`${f}\``).join(', ')} are set`,
  );
  return undefined;
}

function experimental(ctx: DecodeContext, path: readonly PathSegment[], field: string): void {
  warning(
    ctx,
    'experimental-field',
    path,
    `\`${field}\` is experimental in the network-policy-api (both versions; only in its experimental CRDs); a cluster with the standard CRDs drops or refuses it`,
  );
}

function decodeV1alpha1Port(
  ctx: DecodeContext,
  record: RawRecord,
  path: readonly PathSegment[],
): AdminPort | undefined {
  const field = oneOf(ctx, record, path, V1ALPHA1_PORT_FIELDS);
  if (field === undefined) return undefined;
  const fieldPath = [...path, field];
  if (field === 'namedPort')
    return decodeNamedPort(ctx, getOwn(record, field), fieldPath, 'namedPort');
  const inner = decodeRecord(ctx, getOwn(record, field), fieldPath);
  if (inner === undefined) return undefined;
  const protocol = decodeProtocol(ctx, getOwn(inner, 'protocol'), [...fieldPath, 'protocol']);
  const protocolOk =
    protocol !== undefined ||
    getOwn(inner, 'protocol') === undefined ||
    getOwn(inner, 'protocol') === null;
  if (field === 'portNumber') {
    checkFields(ctx, inner, fieldPath, ['port', 'protocol']);
    const port = decodePortNumber(ctx, getOwn(inner, 'port'), [...fieldPath, 'port']);
    if (port === undefined || !protocolOk) return undefined;
    return { kind: 'range', protocol: protocol ?? 'TCP', first: port, last: port };
  }
  checkFields(ctx, inner, fieldPath, ['end', 'protocol', 'start']);
  const range = decodeRange(ctx, inner, fieldPath, 'v1alpha1');
  if (range === undefined || !protocolOk) return undefined;
  return { kind: 'range', protocol: protocol ?? 'TCP', ...range };
}

function decodeV1alpha2Protocol(
  ctx: DecodeContext,
  record: RawRecord,
  path: readonly PathSegment[],
): AdminPort | undefined {
  const field = oneOf(ctx, record, path, V1ALPHA2_PROTOCOL_FIELDS);
  if (field === undefined) return undefined;
  const fieldPath = [...path, field];
  if (field === 'destinationNamedPort') {
    return decodeNamedPort(ctx, getOwn(record, field), fieldPath, 'destinationNamedPort');
  }
  const protocol = PROTOCOL_KEYS[field] ?? 'TCP';
  const inner = decodeRecord(ctx, getOwn(record, field), fieldPath);
  if (inner === undefined) return undefined;
  // `tcp`, `udp`, `sctp` have MinProperties=1: `destinationPort` is their one field.
  const portPath = [...fieldPath, 'destinationPort'];
  checkFields(ctx, inner, fieldPath, ['destinationPort']);
  const portRecord = decodeRecord(ctx, getOwn(inner, 'destinationPort'), portPath);
  if (portRecord === undefined) {
    if (
      getOwn(inner, 'destinationPort') === undefined ||
      getOwn(inner, 'destinationPort') === null
    ) {
      error(ctx, 'missing-field', portPath, requiredMessage());
    }
    return undefined;
  }
  const which = oneOf(ctx, portRecord, portPath, ['number', 'range']);
  if (which === 'number') {
    const port = decodePortNumber(ctx, getOwn(portRecord, 'number'), [...portPath, 'number']);
    return port === undefined ? undefined : { kind: 'range', protocol, first: port, last: port };
  }
  if (which !== 'range') return undefined;
  const rangePath = [...portPath, 'range'];
  const rangeRecord = decodeRecord(ctx, getOwn(portRecord, 'range'), rangePath);
  if (rangeRecord === undefined) return undefined;
  checkFields(ctx, rangeRecord, rangePath, ['end', 'start']);
  const range = decodeRange(ctx, rangeRecord, rangePath, 'v1alpha2');
  return range === undefined ? undefined : { kind: 'range', protocol, ...range };
}

function decodeNamedPort(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
  field: string,
): AdminPort | undefined {
  experimental(ctx, path, field);
  const name = decodeString(ctx, raw, path);
  if (name === undefined) return undefined;
  // The CRDs check no syntax; a name no container port can have never matches, so say so.
  const problems = portNameErrors(name);
  for (const msg of problems)
    warning(
      ctx,
      'bad-port',
      path,
      invalidMessage(name, `${msg}; no container port can have this name`),
    );
  return { kind: 'named', name };
}

/** A port number: required, 1..65535 (`Minimum=1`, `Maximum=65535`). */
function decodePortNumber(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): number | undefined {
  if (raw === undefined || raw === null) {
    error(ctx, 'missing-field', path, requiredMessage());
    return undefined;
  }
  const port = decodeInteger(ctx, raw, path);
  if (port === undefined) return undefined;
  if (port < 1 || port > 65535) {
    error(ctx, 'bad-port', path, invalidMessage(port, 'must be between 1 and 65535, inclusive'));
    return undefined;
  }
  return port;
}

/**
 * `start` and `end`, both required, 1..65535. v1alpha2's CEL rule `self.start < self.end`
 * ("Start port must be less than End port") makes `start >= end` an error; v1alpha1's CRD has no
 * such rule (only the descriptions say "the Start value must be less than End"), so there it is a
 * warning: `start == end` is read as that one port, and `start > end` matches no port.
 */
function decodeRange(
  ctx: DecodeContext,
  record: RawRecord,
  path: readonly PathSegment[],
  version: AdminApi['version'],
): { first: number; last: number } | undefined {
  const first = decodePortNumber(ctx, getOwn(record, 'start'), [...path, 'start']);
  const last = decodePortNumber(ctx, getOwn(record, 'end'), [...path, 'end']);
  if (first === undefined || last === undefined) return undefined;
  if (first >= last) {
    const message = invalidMessage(last, 'Start port must be less than End port');
    if (version === 'v1alpha2') {
      error(ctx, 'bad-port', [...path, 'end'], message);
      return undefined;
    }
    const reading = first === last ? `read as the one port ${first}` : 'it matches no port';
    warning(
      ctx,
      'bad-port',
      [...path, 'end'],
      `${message} (not enforced by the v1alpha1 CRD; ${reading})`,
    );
    if (first > last) return undefined;
  }
  return { first, last };
}
