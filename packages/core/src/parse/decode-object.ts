import {
  type AdminPolicy,
  NAMESPACE_NAME_LABEL,
  type Namespace,
  type NetworkPolicy,
  type Pod,
  type Service,
  type SourceRef,
  type Workload,
  type WorkloadKind,
} from '../model/index.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, report, warning } from './context.js';
import { decodeAdminPolicy } from './decode-admin-policy.js';
import { decodeMetadata, type ObjectMeta } from './decode-metadata.js';
import { type DecodedNode, decodeNode } from './decode-node.js';
import { type DecodedPod, decodePod } from './decode-pod.js';
import { decodePodSpec } from './decode-pod-spec.js';
import { decodeNetworkPolicy } from './decode-policy.js';
import { decodeService } from './decode-service.js';
import { decodeLabels, decodeRecord } from './decode-values.js';
import { getOwn, isRecord, type RawRecord } from './guards.js';
import type { IssueObject, PathSegment } from './issue.js';
import { classifyKind, currentVersion, type ReadKind } from './kinds.js';
import {
  NAMESPACE_SPEC_FIELDS,
  OBJECT_FIELDS,
  OBJECT_META_FIELDS,
  TEMPLATE_FIELDS,
  WORKLOAD_SPEC_FIELDS,
} from './known-fields.js';
import { clip, invalidMessage, requiredMessage } from './messages.js';
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors } from './names.js';
import type { UnevaluatedObject } from './unevaluated.js';
import { checkWorkloadSelector } from './workload-selector.js';

/** One object of a document (or one item of a `List` document), before decoding. */
export interface RawObject {
  readonly value: RawRecord;
  readonly doc: number;
  readonly item?: number;
  /** 1-based line where the document starts, when known. */
  readonly line?: number;
  /** For items of a typed list (`PodList`): the apiVersion and kind they default to. */
  readonly defaults?: { readonly apiVersion: string; readonly kind: string };
}

/** Identity and origin shared by every decoded object. */
interface DecodedBase {
  /** `kind/namespace/name`, to find duplicates. */
  readonly key: string;
  readonly object: IssueObject;
  readonly source: SourceRef;
}

/** An object the parser read, with what the cluster builder needs. */
export type DecodedObject = DecodedBase &
  (
    | { readonly type: 'namespace'; readonly namespace: Namespace }
    | ({ readonly type: 'pod' } & DecodedPod)
    | ({ readonly type: 'node' } & DecodedNode)
    | { readonly type: 'workload'; readonly workload: Workload; readonly template?: Pod }
    | { readonly type: 'service'; readonly service: Service }
    | { readonly type: 'policy'; readonly policy: NetworkPolicy }
    | {
        readonly type: 'adminPolicy';
        /** Absent when the object is too broken to convert (its errors are reported). */
        readonly adminPolicy?: AdminPolicy;
      }
  );

/** An object skipped although it can change traffic (see `classifyKind`). */
export interface SkippedPolicy {
  readonly type: 'unevaluated';
  readonly unevaluated: UnevaluatedObject;
}

/** Parser settings the decoders need. */
export interface DecodeOptions {
  readonly defaultNamespace: string;
}

/**
 * Decodes one object: checks its apiVersion and kind (see `classifyKind`), then its metadata and
 * the fields of its kind. Returns undefined for skipped objects and objects without a name,
 * except objects that can change traffic, which come back as {@link SkippedPolicy}.
 */
export function decodeObject(
  raw: RawObject,
  options: DecodeOptions,
  ctx: DecodeContext,
): DecodedObject | SkippedPolicy | undefined {
  const { value } = raw;
  const apiVersion = getOwn(value, 'apiVersion') ?? raw.defaults?.apiVersion;
  const kind = getOwn(value, 'kind') ?? raw.defaults?.kind;
  if (
    typeof kind !== 'string' ||
    kind === '' ||
    typeof apiVersion !== 'string' ||
    apiVersion === ''
  ) {
    const missing = typeof kind === 'string' && kind !== '' ? 'apiVersion' : 'kind';
    ctx.issues.push({
      code: 'not-an-object',
      severity: 'error',
      message: `not a Kubernetes object: ${missing} is required${
        missing === 'apiVersion' ? ` (kind ${clip(kind as string)})` : ''
      }`,
      file: ctx.file,
      ...(ctx.doc === undefined ? {} : { doc: ctx.doc }),
      ...(ctx.item === undefined ? {} : { item: ctx.item }),
      path: [missing],
      ...(raw.line === undefined ? {} : { line: raw.line }),
    });
    return undefined;
  }
  ctx.object = { kind };
  const decision = classifyKind(apiVersion, kind);
  if (decision.action === 'skip') {
    const identity = writtenIdentity(value);
    ctx.object = { kind, ...identity };
    const code = decision.severity === 'error' ? 'invalid-value' : 'unknown-kind';
    report(ctx, decision.severity, code, decision.path, decision.message);
    if (decision.unevaluated === undefined) return undefined;
    return {
      type: 'unevaluated',
      unevaluated: {
        kind,
        apiVersion,
        ...identity,
        source: sourceOf(raw, ctx),
        reason: decision.unevaluated,
      },
    };
  }
  if (decision.removedVersion) {
    const current = currentVersion(decision.kind);
    warning(
      ctx,
      'invalid-value',
      ['apiVersion'],
      `${apiVersion} ${kind} is no longer served by the API server; read as ${current}`,
    );
  }
  const source = sourceOf(raw, ctx);
  const readKind = decision.kind;
  const meta = decodeMetadata(ctx, value, {
    kind: readKind,
    namespaced: NAMESPACED.has(readKind),
    defaultNamespace: options.defaultNamespace,
    nameErrors: nameRule(readKind),
  });
  checkFields(ctx, value, [], OBJECT_FIELDS);
  const { name } = meta;
  if (name === undefined) return undefined;
  const namespace = meta.namespace ?? '';
  const base: DecodedBase = {
    key: `${readKind}/${namespace}/${name}`,
    object: ctx.object,
    source,
  };
  switch (readKind) {
    case 'Namespace':
      checkNamespaceSpec(ctx, value);
      return { ...base, type: 'namespace', namespace: decodeNamespace(ctx, meta, name, source) };
    case 'Pod':
      return { ...base, type: 'pod', ...decodePod(ctx, value, meta, { name, namespace, source }) };
    case 'Node':
      return { ...base, type: 'node', ...decodeNode(ctx, value, meta, { name, source }) };
    case 'Service':
      return {
        ...base,
        type: 'service',
        service: decodeService(ctx, value, { namespace, name, source }),
      };
    case 'NetworkPolicy':
      return {
        ...base,
        type: 'policy',
        policy: decodeNetworkPolicy(ctx, value, { namespace, name, source }),
      };
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy':
    case 'ClusterNetworkPolicy': {
      const adminPolicy = decodeAdminPolicy(ctx, value, readKind, { name, source });
      return { ...base, type: 'adminPolicy', ...(adminPolicy ? { adminPolicy } : {}) };
    }
    default:
      return {
        ...base,
        type: 'workload',
        ...decodeWorkload(ctx, value, readKind, meta, { name, namespace, source }, decision),
      };
  }
}

/** The kinds we read that live in a namespace; the others are cluster-scoped. */
const NAMESPACED: ReadonlySet<ReadKind> = new Set<ReadKind>([
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
]);

function sourceOf(raw: RawObject, ctx: DecodeContext): SourceRef {
  return { file: ctx.file, doc: raw.doc, ...(raw.item === undefined ? {} : { item: raw.item }) };
}

/** The namespace and name as written, unchecked: to name a skipped object in its issue. */
function writtenIdentity(object: RawRecord): { namespace?: string; name?: string } {
  const meta = getOwn(object, 'metadata');
  if (!isRecord(meta)) return {};
  const namespace = getOwn(meta, 'namespace');
  const name = getOwn(meta, 'name');
  return {
    ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
  };
}

function nameRule(kind: ReadKind): (name: string) => string[] {
  if (kind === 'Namespace') return dns1123LabelErrors;
  if (kind === 'Service') return dns1035LabelErrors;
  return dns1123SubdomainErrors;
}

function checkNamespaceSpec(ctx: DecodeContext, object: RawRecord): void {
  const spec = getOwn(object, 'spec');
  if (isRecord(spec)) checkFields(ctx, spec, ['spec'], NAMESPACE_SPEC_FIELDS);
}

/** Every namespace carries `kubernetes.io/metadata.name=<name>`; the API server overrides it. */
function decodeNamespace(
  ctx: DecodeContext,
  meta: ObjectMeta,
  name: string,
  source: SourceRef,
): Namespace {
  const labels = meta.labels;
  const written = labels.get(NAMESPACE_NAME_LABEL);
  if (written !== undefined && written !== name) {
    warning(
      ctx,
      'invalid-label',
      ['metadata', 'labels', NAMESPACE_NAME_LABEL],
      invalidMessage(
        written,
        `the API server sets this label to the namespace name ${JSON.stringify(name)}`,
      ),
    );
  }
  labels.set(NAMESPACE_NAME_LABEL, name);
  return { name, labels, synthesized: false, source };
}

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: { readonly [K in WorkloadKind]: readonly string[] } = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/**
 * A workload and the pod that stands for its template, named `<kind in lower case>/<name>`
 * (`deployment/web`). Whether that pod is kept is decided later, once every object is known.
 */
function decodeWorkload(
  ctx: DecodeContext,
  object: RawRecord,
  workloadKind: WorkloadKind,
  meta: ObjectMeta,
  { name, namespace, source }: { name: string; namespace: string; source: SourceRef },
  { removedVersion }: { removedVersion: boolean },
): { workload: Workload; template?: Pod } {
  const templatePath = TEMPLATE_PATHS[workloadKind];
  let raw: unknown = object;
  for (const [i, step] of templatePath.entries()) {
    const record = decodeRecord(ctx, raw, templatePath.slice(0, i));
    raw = record === undefined ? undefined : getOwn(record, step);
  }
  const template = decodeRecord(ctx, raw, templatePath);
  const workloadSpec = checkWorkloadFields(ctx, object, workloadKind, removedVersion);
  const owner = meta.owner === undefined ? {} : { owner: meta.owner };
  if (template === undefined) {
    if (raw === undefined || raw === null) {
      warning(
        ctx,
        'missing-field',
        templatePath,
        requiredMessage('without a pod template the workload has no pods'),
      );
    }
    const workload: Workload = {
      kind: workloadKind,
      namespace,
      name,
      labels: new Map(),
      ...owner,
      source,
    };
    return { workload };
  }
  checkFields(ctx, template, templatePath, TEMPLATE_FIELDS);
  const templateMeta =
    decodeRecord(ctx, getOwn(template, 'metadata'), [...templatePath, 'metadata']) ?? {};
  checkFields(ctx, templateMeta, [...templatePath, 'metadata'], OBJECT_META_FIELDS);
  const labels = decodeLabels(ctx, getOwn(templateMeta, 'labels'), [
    ...templatePath,
    'metadata',
    'labels',
  ]);
  if (workloadSpec !== undefined) {
    checkWorkloadSelector(ctx, {
      kind: workloadKind,
      spec: workloadSpec.record,
      specPath: workloadSpec.path,
      templateLabels: labels,
      removedVersion,
    });
  }
  const spec = decodePodSpec(ctx, getOwn(template, 'spec'), [...templatePath, 'spec']);
  const workload: Workload = { kind: workloadKind, namespace, name, labels, ...owner, source };
  const pod: Pod = {
    namespace,
    name: `${workloadKind.toLowerCase()}/${name}`,
    labels,
    ports: spec.ports,
    ips: [],
    hostNetwork: spec.hostNetwork,
    ...(spec.nodeName === undefined ? {} : { nodeName: spec.nodeName }),
    owner: { kind: workloadKind, name },
    fromTemplate: true,
    source,
  };
  return { workload, template: pod };
}

/**
 * Checks the fields of a workload's `spec` (and of a CronJob's `jobTemplate` and its Job spec),
 * and returns the spec that holds `selector` and `template`. The fields of removed apiVersions
 * (`extensions/v1beta1` Deployment's `rollbackTo`, ...) differ, so their spec is not checked.
 */
function checkWorkloadFields(
  ctx: DecodeContext,
  object: RawRecord,
  kind: WorkloadKind,
  removedVersion: boolean,
): { record: RawRecord; path: readonly PathSegment[] } | undefined {
  const spec = getOwn(object, 'spec');
  if (!isRecord(spec)) return undefined;
  if (!removedVersion) checkFields(ctx, spec, ['spec'], WORKLOAD_SPEC_FIELDS[kind] ?? []);
  if (kind !== 'CronJob') return { record: spec, path: ['spec'] };
  const jobTemplate = getOwn(spec, 'jobTemplate');
  if (!isRecord(jobTemplate)) return undefined;
  const path = ['spec', 'jobTemplate'];
  checkFields(ctx, jobTemplate, path, TEMPLATE_FIELDS);
  const jobSpec = getOwn(jobTemplate, 'spec');
  if (!isRecord(jobSpec)) return undefined;
  if (!removedVersion) checkFields(ctx, jobSpec, [...path, 'spec'], WORKLOAD_SPEC_FIELDS.Job ?? []);
  return { record: jobSpec, path: [...path, 'spec'] };
}
