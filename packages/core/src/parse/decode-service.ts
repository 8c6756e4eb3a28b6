import type { Service, ServicePort, SourceRef } from '../model/index.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, error, wrongType } from './context.js';
import {
  decodeInteger,
  decodeLabels,
  decodeList,
  decodeProtocol,
  decodeRecord,
  decodeString,
} from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import type { PathSegment } from './issue.js';
import { SERVICE_PORT_FIELDS, SERVICE_SPEC_FIELDS } from './known-fields.js';
import { duplicateMessage, invalidMessage, requiredMessage } from './messages.js';
import { dns1123LabelErrors, portNameErrors, portNumberErrors } from './names.js';

/**
 * Decodes a Service's `spec`: its selector and ports, checked as the API server does (port
 * names are DNS-1123 labels and required when there are several ports; a string `targetPort`
 * is a container port name). `targetPort` defaults to `port`, `protocol` to TCP. An absent or
 * empty selector gives no selector: the API server then manages no endpoints for the Service.
 */
export function decodeService(
  ctx: DecodeContext,
  object: RawRecord,
  meta: { readonly namespace: string; readonly name: string; readonly source: SourceRef },
): Service {
  const spec = decodeRecord(ctx, getOwn(object, 'spec'), ['spec']) ?? {};
  checkFields(ctx, spec, ['spec'], SERVICE_SPEC_FIELDS);
  const rawSelector = getOwn(spec, 'selector');
  const selector = decodeLabels(ctx, rawSelector, ['spec', 'selector']);
  const portsPath = ['spec', 'ports'];
  const list = decodeList(ctx, getOwn(spec, 'ports'), portsPath) ?? [];
  const names = new Set<string>();
  const ports: ServicePort[] = [];
  list.forEach((entry, i) => {
    const port = decodeServicePort(ctx, entry, [...portsPath, i], list.length > 1);
    if (port === undefined) return;
    if (port.name !== undefined) {
      if (names.has(port.name)) {
        error(ctx, 'bad-port', [...portsPath, i, 'name'], duplicateMessage(port.name));
      }
      names.add(port.name);
    }
    ports.push(port);
  });
  const clusterIPs = decodeClusterIps(ctx, spec);
  const type = decodeString(ctx, getOwn(spec, 'type'), ['spec', 'type']);
  const externalName =
    type === 'ExternalName'
      ? (decodeString(ctx, getOwn(spec, 'externalName'), ['spec', 'externalName']) ?? '')
      : undefined;
  return {
    namespace: meta.namespace,
    name: meta.name,
    ...(selector.size === 0 ? {} : { selector }),
    ports,
    ...(clusterIPs.length === 0 ? {} : { clusterIPs }),
    ...(externalName === undefined ? {} : { externalName }),
    source: meta.source,
  };
}

/** `spec.clusterIPs`, else `spec.clusterIP`: the addresses clients use, `None` left out. */
function decodeClusterIps(ctx: DecodeContext, spec: RawRecord): string[] {
  const list = decodeList(ctx, getOwn(spec, 'clusterIPs'), ['spec', 'clusterIPs']);
  const texts =
    list === undefined
      ? [decodeString(ctx, getOwn(spec, 'clusterIP'), ['spec', 'clusterIP'])]
      : list.map((entry, i) => decodeString(ctx, entry, ['spec', 'clusterIPs', i]));
  return texts.filter((t): t is string => t !== undefined && t !== '' && t !== 'None');
}

function decodeServicePort(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
  nameRequired: boolean,
): ServicePort | undefined {
  const record = decodeRecord(ctx, raw, path);
  if (record === undefined) return undefined;
  checkFields(ctx, record, path, SERVICE_PORT_FIELDS);
  const namePath = [...path, 'name'];
  const name = decodeString(ctx, getOwn(record, 'name'), namePath);
  if (name) {
    for (const msg of dns1123LabelErrors(name)) {
      error(ctx, 'bad-port', namePath, invalidMessage(name, msg));
    }
  } else if (nameRequired) {
    error(ctx, 'missing-field', namePath, requiredMessage());
  }
  const portPath = [...path, 'port'];
  const port = decodeInteger(ctx, getOwn(record, 'port'), portPath);
  if (getOwn(record, 'port') === undefined || getOwn(record, 'port') === null) {
    error(ctx, 'missing-field', portPath, requiredMessage());
  }
  let valid = port !== undefined;
  if (port !== undefined) {
    for (const msg of portNumberErrors(port)) {
      valid = false;
      error(ctx, 'bad-port', portPath, invalidMessage(port, msg));
    }
  }
  const targetPath = [...path, 'targetPort'];
  const rawTarget = getOwn(record, 'targetPort');
  let targetPort: number | string | undefined;
  if (typeof rawTarget === 'string') {
    for (const msg of portNameErrors(rawTarget)) {
      error(ctx, 'bad-port', targetPath, invalidMessage(rawTarget, msg));
    }
    targetPort = rawTarget;
  } else if (typeof rawTarget === 'number' && Number.isInteger(rawTarget)) {
    for (const msg of portNumberErrors(rawTarget)) {
      error(ctx, 'bad-port', targetPath, invalidMessage(rawTarget, msg));
    }
    targetPort = rawTarget;
  } else if (rawTarget !== undefined && rawTarget !== null) {
    wrongType(ctx, targetPath, 'an integer or a port name', rawTarget);
  }
  const protocol = decodeProtocol(ctx, getOwn(record, 'protocol'), [...path, 'protocol']);
  if (port === undefined || !valid) return undefined;
  return {
    ...(name ? { name } : {}),
    port,
    targetPort: targetPort ?? port,
    protocol: protocol ?? 'TCP',
  };
}
