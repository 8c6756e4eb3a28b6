import type { Pod, SourceRef, TerminatedPod } from '../model/index.js';
import { parseIp } from '../net/index.js';
import { type DecodeContext, warning } from './context.js';
import type { ObjectMeta } from './decode-metadata.js';
import { decodePodSpec } from './decode-pod-spec.js';
import { decodeList, decodeRecord, decodeString } from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import type { PathSegment } from './issue.js';
import { invalidMessage } from './messages.js';

/** A decoded Pod object. */
export interface DecodedPod {
  readonly pod: Pod;
  /** `Succeeded` or `Failed`: the pod has stopped. */
  readonly terminated?: TerminatedPod['phase'];
  /** `status.hostIPs` / `status.hostIP`: the IPs of the pod's node, when reported. */
  readonly hostIps: readonly string[];
}

/** Decodes a `v1` Pod: spec (ports, hostNetwork, nodeName), IPs, host IPs and phase. */
export function decodePod(
  ctx: DecodeContext,
  object: RawRecord,
  meta: ObjectMeta,
  { name, namespace, source }: { name: string; namespace: string; source: SourceRef },
): DecodedPod {
  const spec = decodePodSpec(ctx, getOwn(object, 'spec'), ['spec']);
  const status = decodeRecord(ctx, getOwn(object, 'status'), ['status']) ?? {};
  const phase = decodeString(ctx, getOwn(status, 'phase'), ['status', 'phase']);
  const pod: Pod = {
    namespace,
    name,
    labels: meta.labels,
    ports: spec.ports,
    ips: decodeIps(ctx, status, 'podIPs', 'podIP'),
    hostNetwork: spec.hostNetwork,
    ...(spec.nodeName === undefined ? {} : { nodeName: spec.nodeName }),
    ...(meta.owner === undefined ? {} : { owner: meta.owner }),
    fromTemplate: false,
    source,
  };
  const hostIps = decodeIps(ctx, status, 'hostIPs', 'hostIP');
  return phase === 'Succeeded' || phase === 'Failed'
    ? { pod, terminated: phase, hostIps }
    : { pod, hostIps };
}

/**
 * `status.<list>` then `status.<single>` (`podIPs`/`podIP`, `hostIPs`/`hostIP`), deduplicated.
 * An address that does not parse is dropped with a warning.
 */
function decodeIps(
  ctx: DecodeContext,
  status: RawRecord,
  listField: string,
  singleField: string,
): string[] {
  const ips: string[] = [];
  const add = (raw: unknown, path: readonly PathSegment[]): void => {
    const ip = decodeString(ctx, raw, path);
    if (ip === undefined || ip === '') return;
    // Strict: an address with leading zeros is not one (the API server refuses it in podIPs).
    if (parseIp(ip) === undefined) {
      warning(
        ctx,
        'invalid-value',
        path,
        invalidMessage(ip, 'must be a valid IP address; ignored'),
      );
    } else if (!ips.includes(ip)) {
      ips.push(ip);
    }
  };
  const list = decodeList(ctx, getOwn(status, listField), ['status', listField]) ?? [];
  list.forEach((entry, i) => {
    const record = decodeRecord(ctx, entry, ['status', listField, i]);
    if (record !== undefined) add(getOwn(record, 'ip'), ['status', listField, i, 'ip']);
  });
  add(getOwn(status, singleField), ['status', singleField]);
  return ips;
}
