import type { ContainerPort } from '../model/index.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, error } from './context.js';
import {
  decodeBoolean,
  decodeInteger,
  decodeList,
  decodeProtocol,
  decodeRecord,
  decodeString,
} from './decode-values.js';
import { getOwn } from './guards.js';
import type { PathSegment } from './issue.js';
import { CONTAINER_FIELDS, CONTAINER_PORT_FIELDS, POD_SPEC_FIELDS } from './known-fields.js';
import { duplicateMessage, invalidMessage, requiredMessage } from './messages.js';
import { dns1123SubdomainErrors, portNameErrors, portNumberErrors } from './names.js';

/** What the parser needs from a pod spec. */
export interface PodSpecInfo {
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  /** `nodeName`, when given and valid. */
  readonly nodeName?: string;
}

/**
 * Decodes a pod spec (of a Pod, or of a workload's pod template). Ports come from every
 * container and from the init containers with `restartPolicy: Always` (native sidecars, which
 * keep running and may listen); ports of the other init containers are checked but left out.
 */
export function decodePodSpec(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): PodSpecInfo {
  const spec = decodeRecord(ctx, raw, path) ?? {};
  checkFields(ctx, spec, path, POD_SPEC_FIELDS);
  const ports: ContainerPort[] = [];
  for (const field of ['containers', 'initContainers'] as const) {
    const listPath = [...path, field];
    const containers = decodeList(ctx, getOwn(spec, field), listPath) ?? [];
    containers.forEach((entry, i) => {
      const containerPath = [...listPath, i];
      const container = decodeRecord(ctx, entry, containerPath);
      if (container === undefined) return;
      checkFields(ctx, container, containerPath, CONTAINER_FIELDS);
      const declared = decodeContainerPorts(ctx, getOwn(container, 'ports'), [
        ...containerPath,
        'ports',
      ]);
      const restartPolicy = getOwn(container, 'restartPolicy');
      if (field === 'containers' || restartPolicy === 'Always') ports.push(...declared);
    });
  }
  const hostNetwork = decodeBoolean(ctx, getOwn(spec, 'hostNetwork'), [...path, 'hostNetwork']);
  const nodeName = decodeNodeName(ctx, getOwn(spec, 'nodeName'), [...path, 'nodeName']);
  return {
    ports,
    hostNetwork: hostNetwork ?? false,
    ...(nodeName === undefined ? {} : { nodeName }),
  };
}

/** `spec.nodeName`: a DNS-1123 subdomain, as `ValidatePodSpec` checks (`ValidateNodeName`). */
function decodeNodeName(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): string | undefined {
  const name = decodeString(ctx, raw, path);
  if (!name) return undefined;
  const problems = dns1123SubdomainErrors(name);
  for (const msg of problems) error(ctx, 'invalid-name', path, invalidMessage(name, msg));
  return problems.length === 0 ? name : undefined;
}

/** One container's `ports`, checked as `validateContainerPorts` does. */
function decodeContainerPorts(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): ContainerPort[] {
  const list = decodeList(ctx, raw, path) ?? [];
  const names = new Set<string>();
  const out: ContainerPort[] = [];
  list.forEach((entry, i) => {
    const portPath = [...path, i];
    const port = decodeRecord(ctx, entry, portPath);
    if (port === undefined) return;
    checkFields(ctx, port, portPath, CONTAINER_PORT_FIELDS);
    const namePath = [...portPath, 'name'];
    const name = decodeString(ctx, getOwn(port, 'name'), namePath);
    if (name) {
      const problems = portNameErrors(name);
      for (const msg of problems) error(ctx, 'bad-port', namePath, invalidMessage(name, msg));
      if (problems.length === 0 && names.has(name)) {
        error(ctx, 'bad-port', namePath, duplicateMessage(name));
      }
      names.add(name);
    }
    const numberPath = [...portPath, 'containerPort'];
    const containerPort = decodeInteger(ctx, getOwn(port, 'containerPort'), numberPath);
    if (getOwn(port, 'containerPort') === undefined || getOwn(port, 'containerPort') === null) {
      error(ctx, 'missing-field', numberPath, requiredMessage());
    }
    let valid = containerPort !== undefined;
    if (containerPort !== undefined) {
      for (const msg of portNumberErrors(containerPort)) {
        valid = false;
        error(ctx, 'bad-port', numberPath, invalidMessage(containerPort, msg));
      }
    }
    const protocolPath = [...portPath, 'protocol'];
    const protocol = decodeProtocol(ctx, getOwn(port, 'protocol'), protocolPath);
    const protocolGiven =
      getOwn(port, 'protocol') !== undefined && getOwn(port, 'protocol') !== null;
    if (containerPort !== undefined && valid && (protocol !== undefined || !protocolGiven)) {
      out.push({ ...(name ? { name } : {}), containerPort, protocol: protocol ?? 'TCP' });
    }
  });
  return out;
}
