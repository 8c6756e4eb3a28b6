import type {
  LabelSelector,
  NetworkPolicy,
  Peer,
  PolicyRule,
  PolicyType,
  PortSpec,
  SourceRef,
} from '../model/index.js';
import { isCidrError, isStrictSubset, parseCidr } from '../net/index.js';
import { checkFields, closestField } from './check-fields.js';
import { type DecodeContext, error, warning, wrongType } from './context.js';
import { decodeSelector } from './decode-selector.js';
import {
  decodeInteger,
  decodeList,
  decodeProtocol,
  decodeRecord,
  decodeString,
  decodeStringList,
} from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import type { PathSegment } from './issue.js';
import {
  EGRESS_RULE_FIELDS,
  INGRESS_RULE_FIELDS,
  IP_BLOCK_FIELDS,
  PEER_FIELDS as KNOWN_PEER_FIELDS,
  POLICY_PORT_FIELDS,
  POLICY_SPEC_FIELDS,
} from './known-fields.js';
import {
  forbiddenMessage,
  invalidMessage,
  requiredMessage,
  unsupportedMessage,
} from './messages.js';
import { portNameErrors, portNumberErrors } from './names.js';

const POLICY_TYPES: readonly PolicyType[] = ['Ingress', 'Egress'];
const EMPTY_SELECTOR: LabelSelector = { matchLabels: new Map(), matchExpressions: [] };
const PEER_FIELDS = ['podSelector', 'namespaceSelector', 'ipBlock'];
const CIDR_EXAMPLE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** Identity and origin of the policy being decoded. */
export interface PolicyMeta {
  readonly namespace: string;
  readonly name: string;
  readonly source: SourceRef;
}

/**
 * Decodes a `networking.k8s.io/v1` NetworkPolicy's `spec`, checked as `ValidateNetworkPolicySpec`
 * does and defaulted as the API server does:
 *
 * - `policyTypes` absent or empty: `[Ingress]`, plus `Egress` when `spec.egress` is non-empty;
 * - a port without `protocol`: TCP;
 * - `from`/`to` and `ports` absent stay absent (`undefined`), `[]` stays `[]`;
 * - `podSelector` absent: the empty selector, which selects every pod of the namespace. The
 *   OpenAPI schema marks it required, but the API server decodes a missing one as `{}` and
 *   accepts it; we do the same and warn, since it is more often a slip than a choice. When the
 *   spec also has an unknown field spelt like `podSelector` (`podselector`), it is an error:
 *   the typo would silently widen the policy to every pod.
 *
 * Rules of a direction that `policyTypes` leaves out have no effect; that gets a warning.
 */
export function decodeNetworkPolicy(
  ctx: DecodeContext,
  object: RawRecord,
  meta: PolicyMeta,
): NetworkPolicy {
  const specPath = ['spec'];
  const spec = decodeRecord(ctx, getOwn(object, 'spec'), specPath) ?? {};
  const unknown = checkFields(ctx, spec, specPath, POLICY_SPEC_FIELDS);
  const selectorPath = [...specPath, 'podSelector'];
  let podSelector = decodeSelector(ctx, getOwn(spec, 'podSelector'), selectorPath);
  if (podSelector === undefined) {
    if (getOwn(spec, 'podSelector') === undefined || getOwn(spec, 'podSelector') === null) {
      const typo = unknown.find((k) => closestField(k, POLICY_SPEC_FIELDS) === 'podSelector');
      if (typo === undefined) {
        warning(
          ctx,
          'missing-field',
          selectorPath,
          requiredMessage('read as {} (every pod in the namespace), as the API server does'),
        );
      } else {
        error(
          ctx,
          'missing-field',
          selectorPath,
          requiredMessage(
            `the policy has "spec.${typo}" instead, which the API server drops, leaving a policy that selects every pod in the namespace`,
          ),
        );
      }
    }
    podSelector = EMPTY_SELECTOR;
  }
  const ingress = decodeRules(ctx, getOwn(spec, 'ingress'), [...specPath, 'ingress'], 'from');
  const egress = decodeRules(ctx, getOwn(spec, 'egress'), [...specPath, 'egress'], 'to');
  const typesPath = [...specPath, 'policyTypes'];
  const written = decodePolicyTypes(ctx, getOwn(spec, 'policyTypes'), typesPath);
  const policyTypes: PolicyType[] =
    written.length > 0 ? written : egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  if (written.length > 0) {
    for (const [type, rules, field] of [
      ['Ingress', ingress, 'ingress'],
      ['Egress', egress, 'egress'],
    ] as const) {
      if (rules.length > 0 && !policyTypes.includes(type)) {
        warning(
          ctx,
          'invalid-value',
          [...specPath, field],
          `has no effect: \`policyTypes\` does not list ${type}`,
        );
      }
    }
  }
  return {
    namespace: meta.namespace,
    name: meta.name,
    podSelector,
    policyTypes,
    ingress,
    egress,
    source: meta.source,
  };
}

function decodePolicyTypes(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): PolicyType[] {
  const list = decodeList(ctx, raw, path) ?? [];
  if (list.length > POLICY_TYPES.length) {
    error(ctx, 'invalid-value', path, 'may not specify more than two policyTypes');
  }
  const out: PolicyType[] = [];
  list.forEach((entry, i) => {
    const value = decodeString(ctx, entry, [...path, i], '');
    if (value === undefined) return;
    const type = POLICY_TYPES.find((t) => t === value);
    if (type === undefined) {
      error(ctx, 'invalid-value', [...path, i], unsupportedMessage(value, POLICY_TYPES));
    } else if (!out.includes(type)) {
      out.push(type);
    }
  });
  return out;
}

function decodeRules(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
  peersKey: 'from' | 'to',
): PolicyRule[] {
  const list = decodeList(ctx, raw, path) ?? [];
  const rules: PolicyRule[] = [];
  list.forEach((entry, i) => {
    const rulePath = [...path, i];
    // A `null` rule decodes to the zero value in Go: an empty rule, which allows everything.
    const rule = decodeRecord(ctx, entry, rulePath) ?? (entry === null ? {} : undefined);
    if (rule === undefined) return;
    checkFields(
      ctx,
      rule,
      rulePath,
      peersKey === 'from' ? INGRESS_RULE_FIELDS : EGRESS_RULE_FIELDS,
    );
    const peersPath = [...rulePath, peersKey];
    const rawPeers = decodeList(ctx, getOwn(rule, peersKey), peersPath);
    const peers = rawPeers?.flatMap((p, j) => decodePeer(ctx, p, [...peersPath, j]) ?? []);
    const portsPath = [...rulePath, 'ports'];
    const rawPorts = decodeList(ctx, getOwn(rule, 'ports'), portsPath);
    const ports = rawPorts?.flatMap((p, j) => decodePort(ctx, p, [...portsPath, j]) ?? []);
    rules.push({
      ...(peers === undefined ? {} : { peers }),
      ...(ports === undefined ? {} : { ports }),
    });
  });
  return rules;
}

function decodePeer(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): Peer | undefined {
  const record = decodeRecord(ctx, raw, path);
  if (record === undefined && raw !== null) return undefined;
  const peer = record ?? {};
  checkFields(ctx, peer, path, KNOWN_PEER_FIELDS);
  const podSelector = decodeSelector(ctx, getOwn(peer, 'podSelector'), [...path, 'podSelector']);
  const namespaceSelector = decodeSelector(ctx, getOwn(peer, 'namespaceSelector'), [
    ...path,
    'namespaceSelector',
  ]);
  const rawIpBlock = getOwn(peer, 'ipBlock');
  const ipBlockPath = [...path, 'ipBlock'];
  const ipBlock = decodeRecord(ctx, rawIpBlock, ipBlockPath);
  const count =
    (podSelector === undefined ? 0 : 1) +
    (namespaceSelector === undefined ? 0 : 1) +
    (ipBlock === undefined ? 0 : 1);
  if (count === 0) {
    // A field that is present but not an object was reported as wrong-type already.
    const wrongTyped = PEER_FIELDS.some((key) => {
      const value = getOwn(peer, key);
      return value !== undefined && value !== null;
    });
    if (!wrongTyped) error(ctx, 'missing-field', path, requiredMessage('must specify a peer'));
    return undefined;
  }
  if (ipBlock !== undefined) {
    if (count > 1) {
      error(
        ctx,
        'invalid-value',
        path,
        forbiddenMessage('may not specify both ipBlock and another peer'),
      );
    }
    return decodeIpBlock(ctx, ipBlock, ipBlockPath);
  }
  return {
    kind: 'pods',
    ...(podSelector === undefined ? {} : { podSelector }),
    ...(namespaceSelector === undefined ? {} : { namespaceSelector }),
  };
}

function decodeIpBlock(
  ctx: DecodeContext,
  ipBlock: RawRecord,
  path: readonly PathSegment[],
): Peer | undefined {
  checkFields(ctx, ipBlock, path, IP_BLOCK_FIELDS);
  const cidrPath = [...path, 'cidr'];
  const cidrText = decodeString(ctx, getOwn(ipBlock, 'cidr'), cidrPath, '');
  const exceptPath = [...path, 'except'];
  const exceptTexts = decodeStringList(ctx, getOwn(ipBlock, 'except'), exceptPath) ?? [];
  if (cidrText === '') error(ctx, 'missing-field', cidrPath, requiredMessage());
  const cidr = cidrText ? readCidr(ctx, cidrText, cidrPath) : undefined;
  const except: string[] = [];
  exceptTexts.forEach((text, i) => {
    const block = readCidr(ctx, text, [...exceptPath, i]);
    if (block === undefined) return;
    if (cidr !== undefined && !isStrictSubset(cidr, block)) {
      error(
        ctx,
        'bad-cidr',
        [...exceptPath, i],
        invalidMessage(text, 'must be a strict subset of `cidr`'),
      );
    }
    except.push(block.text);
  });
  return cidr === undefined ? undefined : { kind: 'ipBlock', cidr: cidr.text, except };
}

function readCidr(ctx: DecodeContext, text: string, path: readonly PathSegment[]) {
  const block = parseCidr(text, { legacyLeadingZeros: true });
  if (isCidrError(block)) {
    error(ctx, 'bad-cidr', path, invalidMessage(text, CIDR_EXAMPLE));
    return undefined;
  }
  if (block.leadingZeros) {
    warning(
      ctx,
      'bad-cidr',
      path,
      invalidMessage(
        text,
        `leading zeros are read as decimal (${block.text}), as the API server does`,
      ),
    );
  }
  return block;
}

function decodePort(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): PortSpec | undefined {
  // A `null` port decodes to the zero value: every port of TCP.
  const record = decodeRecord(ctx, raw, path) ?? (raw === null ? {} : undefined);
  if (record === undefined) return undefined;
  checkFields(ctx, record, path, POLICY_PORT_FIELDS);
  const protocol = decodeProtocol(ctx, getOwn(record, 'protocol'), [...path, 'protocol']);
  const portPath = [...path, 'port'];
  const rawPort = getOwn(record, 'port');
  let port: number | string | undefined;
  if (typeof rawPort === 'string') {
    for (const msg of portNameErrors(rawPort)) {
      error(ctx, 'bad-port', portPath, invalidMessage(rawPort, msg));
    }
    port = rawPort;
  } else if (rawPort !== undefined && rawPort !== null) {
    if (typeof rawPort === 'number' && Number.isInteger(rawPort)) {
      for (const msg of portNumberErrors(rawPort)) {
        error(ctx, 'bad-port', portPath, invalidMessage(rawPort, msg));
      }
      port = rawPort;
    } else {
      wrongType(ctx, portPath, 'an integer or a port name', rawPort);
    }
  }
  const endPath = [...path, 'endPort'];
  const endPort = decodeInteger(ctx, getOwn(record, 'endPort'), endPath);
  if (endPort !== undefined) {
    if (rawPort === undefined || rawPort === null) {
      error(
        ctx,
        'bad-port',
        endPath,
        invalidMessage(endPort, 'may not be specified when `port` is not specified'),
      );
    } else if (typeof port === 'string') {
      error(
        ctx,
        'bad-port',
        endPath,
        invalidMessage(endPort, 'may not be specified when `port` is non-numeric'),
      );
    } else if (typeof port === 'number') {
      if (endPort < port) {
        error(
          ctx,
          'bad-port',
          endPath,
          invalidMessage(endPort, 'must be greater than or equal to `port`'),
        );
      }
      for (const msg of portNumberErrors(endPort)) {
        error(ctx, 'bad-port', endPath, invalidMessage(endPort, msg));
      }
    }
  }
  return {
    protocol: protocol ?? 'TCP',
    ...(port === undefined ? {} : { port }),
    ...(endPort === undefined || typeof port !== 'number' ? {} : { endPort }),
  };
}
