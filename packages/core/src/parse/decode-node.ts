import type { Node, SourceRef } from '../model/index.js';
import { parseIp } from '../net/index.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, warning } from './context.js';
import type { ObjectMeta } from './decode-metadata.js';
import { decodeList, decodeRecord, decodeString } from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import type { PathSegment } from './issue.js';
import { NODE_ADDRESS_FIELDS, NODE_SPEC_FIELDS } from './known-fields.js';
import { invalidMessage } from './messages.js';

/** A decoded Node, with the addresses a host-network pod on it takes. */
export interface DecodedNode {
  readonly node: Node;
  /**
   * The IPs the kubelet reports as a pod's `hostIP` on this node: the `InternalIP` entries, or
   * the `ExternalIP` ones when there is no internal one (kubelet's `nodeutil.GetNodeHostIPs`).
   */
  readonly hostIps: readonly string[];
}

/** The address types that carry an IP; `Hostname`, `InternalDNS` and `ExternalDNS` do not. */
const IP_TYPES = ['InternalIP', 'ExternalIP'] as const;
const ALL_TYPES = ['Hostname', 'InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS'];

/**
 * Decodes a `v1` Node: its labels and the IPs of `status.addresses` (types `InternalIP` and
 * `ExternalIP`; host names are left out), sorted and deduplicated. An address that is not an IP
 * gets a warning and is left out: the API server does not check status addresses, and a node
 * with a bad one still runs pods.
 */
export function decodeNode(
  ctx: DecodeContext,
  object: RawRecord,
  meta: ObjectMeta,
  identity: { readonly name: string; readonly source: SourceRef },
): DecodedNode {
  const spec = decodeRecord(ctx, getOwn(object, 'spec'), ['spec']);
  if (spec !== undefined) checkFields(ctx, spec, ['spec'], NODE_SPEC_FIELDS);
  const status = decodeRecord(ctx, getOwn(object, 'status'), ['status']) ?? {};
  const listPath: PathSegment[] = ['status', 'addresses'];
  const list = decodeList(ctx, getOwn(status, 'addresses'), listPath) ?? [];
  const byType = new Map<string, string[]>();
  list.forEach((entry, i) => {
    const path = [...listPath, i];
    const record = decodeRecord(ctx, entry, path);
    if (record === undefined) return;
    checkFields(ctx, record, path, NODE_ADDRESS_FIELDS);
    const type = decodeString(ctx, getOwn(record, 'type'), [...path, 'type']);
    const address = decodeString(ctx, getOwn(record, 'address'), [...path, 'address']);
    if (type !== undefined && !ALL_TYPES.includes(type)) {
      warning(
        ctx,
        'invalid-value',
        [...path, 'type'],
        invalidMessage(type, 'unknown address type; ignored'),
      );
      return;
    }
    if (type === undefined || address === undefined || !isIpType(type)) return;
    if (parseIp(address) === undefined) {
      warning(
        ctx,
        'invalid-value',
        [...path, 'address'],
        invalidMessage(address, `must be a valid IP address for type ${type}; ignored`),
      );
      return;
    }
    const ips = byType.get(type) ?? [];
    if (!ips.includes(address)) ips.push(address);
    byType.set(type, ips);
  });
  const internal = byType.get('InternalIP') ?? [];
  const external = byType.get('ExternalIP') ?? [];
  const addresses = [...new Set([...internal, ...external])].sort(compareIps);
  return {
    node: {
      name: identity.name,
      labels: meta.labels,
      addresses,
      synthesized: false,
      source: identity.source,
    },
    hostIps: internal.length > 0 ? internal : external,
  };
}

function isIpType(type: string): type is (typeof IP_TYPES)[number] {
  return (IP_TYPES as readonly string[]).includes(type);
}

/** Orders IPs by family (IPv4 first), then numerically, so that `10.0.0.9` sorts before `10.0.0.10`. */
export function compareIps(a: string, b: string): number {
  const x = parseIp(a);
  const y = parseIp(b);
  if (x === undefined || y === undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (x.family !== y.family) return x.family === 4 ? -1 : 1;
  return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
}
