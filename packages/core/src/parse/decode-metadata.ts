import type { OwnerRef } from '../model/index.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, error, warning } from './context.js';
import {
  decodeBoolean,
  decodeLabels,
  decodeList,
  decodeRecord,
  decodeString,
} from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import { OBJECT_META_FIELDS, OWNER_REFERENCE_FIELDS } from './known-fields.js';
import { invalidMessage, requiredMessage } from './messages.js';
import { dns1123LabelErrors } from './names.js';

/** What the parser needs from an object's `metadata`. */
export interface ObjectMeta {
  /** Undefined when missing (an error has been reported). */
  readonly name: string | undefined;
  /** The namespace, defaulted; undefined for cluster-scoped kinds. */
  readonly namespace: string | undefined;
  readonly labels: Map<string, string>;
  /** The `ownerReferences` entry with `controller: true`, if any. */
  readonly owner?: OwnerRef;
}

/** How to read the metadata of one kind. */
export interface MetaRules {
  readonly kind: string;
  readonly namespaced: boolean;
  readonly defaultNamespace: string;
  /** The name rule of the kind: DNS-1123 subdomain, DNS-1123 label or DNS-1035 label. */
  readonly nameErrors: (name: string) => string[];
}

/**
 * Decodes `metadata` and names the object in the context, so later issues carry its identity.
 * A missing `metadata.namespace` (or `""`) becomes the default namespace. An object with only
 * `generateName` is named after that prefix, with a warning.
 */
export function decodeMetadata(
  ctx: DecodeContext,
  object: RawRecord,
  rules: MetaRules,
): ObjectMeta {
  const meta = decodeRecord(ctx, getOwn(object, 'metadata'), ['metadata']) ?? {};
  let namespace: string | undefined;
  if (rules.namespaced) {
    const path = ['metadata', 'namespace'];
    const written = decodeString(ctx, getOwn(meta, 'namespace'), path);
    namespace = written || rules.defaultNamespace;
    if (written) {
      for (const msg of dns1123LabelErrors(written)) {
        error(ctx, 'invalid-name', path, invalidMessage(written, msg));
      }
    }
  }
  const namePath = ['metadata', 'name'];
  let name = decodeString(ctx, getOwn(meta, 'name'), namePath);
  if (name) {
    ctx.object = identity(rules.kind, namespace, name);
    for (const msg of rules.nameErrors(name)) {
      error(ctx, 'invalid-name', namePath, invalidMessage(name, msg));
    }
  } else {
    const generateName = decodeString(ctx, getOwn(meta, 'generateName'), [
      'metadata',
      'generateName',
    ]);
    if (generateName) {
      name = generateName;
      ctx.object = identity(rules.kind, namespace, name);
      warning(
        ctx,
        'missing-field',
        namePath,
        requiredMessage(`named after generateName ${JSON.stringify(generateName)}`),
      );
    } else {
      name = undefined;
      ctx.object = identity(rules.kind, namespace, undefined);
      error(ctx, 'missing-field', namePath, requiredMessage('name or generateName is required'));
    }
  }
  checkFields(ctx, meta, ['metadata'], OBJECT_META_FIELDS);
  const labels = decodeLabels(ctx, getOwn(meta, 'labels'), ['metadata', 'labels']);
  const owner = decodeOwner(ctx, getOwn(meta, 'ownerReferences'));
  return { name, namespace, labels, ...(owner === undefined ? {} : { owner }) };
}

function identity(kind: string, namespace: string | undefined, name: string | undefined) {
  return {
    kind,
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
  };
}

/**
 * The controller among `ownerReferences`. Only `kind` and `name` are read (and required);
 * `apiVersion` and `uid`, which the API server also requires, are not checked, so that
 * hand-written fixtures can name an owner simply.
 */
function decodeOwner(ctx: DecodeContext, raw: unknown): OwnerRef | undefined {
  const path = ['metadata', 'ownerReferences'];
  const list = decodeList(ctx, raw, path) ?? [];
  const controllers: OwnerRef[] = [];
  list.forEach((entry, i) => {
    const refPath = [...path, i];
    const ref = decodeRecord(ctx, entry, refPath);
    if (ref === undefined) return;
    checkFields(ctx, ref, refPath, OWNER_REFERENCE_FIELDS);
    const kind = decodeString(ctx, getOwn(ref, 'kind'), [...refPath, 'kind'], '');
    const name = decodeString(ctx, getOwn(ref, 'name'), [...refPath, 'name'], '');
    const controller = decodeBoolean(ctx, getOwn(ref, 'controller'), [...refPath, 'controller']);
    if (controller === true && kind && name) controllers.push({ kind, name });
  });
  if (controllers.length > 1) {
    error(
      ctx,
      'invalid-value',
      path,
      `Invalid value: ${controllers.length} controllers: only one reference can have controller set to true`,
    );
  }
  return controllers[0];
}
