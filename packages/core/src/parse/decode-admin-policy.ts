import type { AdminPolicy, AdminTier, SourceRef } from '../model/index.js';
import { type AdminApi, ANP_V1ALPHA1, BANP_V1ALPHA1, CNP_V1ALPHA2 } from './admin-api.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, error } from './context.js';
import { decodeAdminRules, decodeAdminSubject } from './decode-admin-rules.js';
import { decodeInteger, decodeRecord, decodeString } from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import { invalidMessage, requiredMessage, unsupportedMessage } from './messages.js';

/** The admin policy kinds, each read at one apiVersion of `policy.networking.k8s.io`. */
export type AdminPolicyKind =
  | 'AdminNetworkPolicy'
  | 'BaselineAdminNetworkPolicy'
  | 'ClusterNetworkPolicy';

const APIS: { readonly [K in AdminPolicyKind]: AdminApi } = {
  AdminNetworkPolicy: ANP_V1ALPHA1,
  BaselineAdminNetworkPolicy: BANP_V1ALPHA1,
  ClusterNetworkPolicy: CNP_V1ALPHA2,
};

const SPEC_FIELDS: { readonly [K in AdminPolicyKind]: readonly string[] } = {
  AdminNetworkPolicy: ['egress', 'ingress', 'priority', 'subject'],
  BaselineAdminNetworkPolicy: ['egress', 'ingress', 'subject'],
  ClusterNetworkPolicy: ['egress', 'ingress', 'priority', 'subject', 'tier'],
};

const TIERS: readonly AdminTier[] = ['Admin', 'Baseline'];
/** `spec.priority`: `Minimum=0`, `Maximum=1000` in both versions. */
const MAX_PRIORITY = 1000;

/**
 * Decodes an AdminNetworkPolicy or BaselineAdminNetworkPolicy (`v1alpha1`, network-policy-api
 * v0.1.7) or a ClusterNetworkPolicy (`v1alpha2`, v0.2.0) into the one v1alpha2-shaped model,
 * validated as the CRDs' OpenAPI schemas and CEL rules do:
 *
 * - an ANP is the Admin tier at its `priority`; the BANP is the Baseline tier at priority 0, and
 *   must be named `default` (CEL rule `self.metadata.name == 'default'`: "Only one baseline admin
 *   network policy with metadata.name="default" can be created in the cluster"); a CNP names its
 *   `tier` (`Admin` or `Baseline`);
 * - `priority` is required (ANP, CNP) and within 0..1000;
 * - `subject` is required, with exactly one of `namespaces` and `pods`;
 * - rules, peers and ports as {@link decodeAdminRules} says; `Allow` becomes `Accept`.
 *
 * Experimental fields (v1alpha1: `nodes`, `networks`, `domainNames` peers and `namedPort`;
 * v1alpha2: `nodes`, `domainNames` peers and `destinationNamedPort`) are read, with an
 * `experimental-field` warning. Returns undefined when the subject cannot be read.
 */
export function decodeAdminPolicy(
  ctx: DecodeContext,
  object: RawRecord,
  kind: AdminPolicyKind,
  { name, source }: { readonly name: string; readonly source: SourceRef },
): AdminPolicy | undefined {
  const api = APIS[kind];
  if (kind === 'BaselineAdminNetworkPolicy' && name !== 'default') {
    error(
      ctx,
      'invalid-name',
      ['metadata', 'name'],
      invalidMessage(
        name,
        'Only one baseline admin network policy with metadata.name="default" can be created in the cluster',
      ),
    );
  }
  const spec = decodeRecord(ctx, getOwn(object, 'spec'), ['spec']);
  if (spec === undefined) {
    if (getOwn(object, 'spec') === undefined || getOwn(object, 'spec') === null) {
      error(ctx, 'missing-field', ['spec'], requiredMessage());
    }
    return undefined;
  }
  checkFields(ctx, spec, ['spec'], SPEC_FIELDS[kind]);
  const priority = kind === 'BaselineAdminNetworkPolicy' ? 0 : decodePriority(ctx, spec);
  const tier = decodeTier(ctx, spec, kind);
  const subject = decodeAdminSubject(ctx, getOwn(spec, 'subject'), ['spec', 'subject'], api);
  const ingress = decodeAdminRules(
    ctx,
    getOwn(spec, 'ingress'),
    ['spec', 'ingress'],
    api,
    'ingress',
  );
  const egress = decodeAdminRules(ctx, getOwn(spec, 'egress'), ['spec', 'egress'], api, 'egress');
  if (subject === undefined || priority === undefined || tier === undefined) return undefined;
  return { name, origin: api.origin, tier, priority, subject, ingress, egress, source };
}

function decodePriority(ctx: DecodeContext, spec: RawRecord): number | undefined {
  const path = ['spec', 'priority'];
  const raw = getOwn(spec, 'priority');
  if (raw === undefined || raw === null) {
    error(ctx, 'missing-field', path, requiredMessage());
    return undefined;
  }
  const priority = decodeInteger(ctx, raw, path);
  if (priority === undefined) return undefined;
  if (priority < 0 || priority > MAX_PRIORITY) {
    const bound =
      priority < 0 ? 'greater than or equal to 0' : `less than or equal to ${MAX_PRIORITY}`;
    error(ctx, 'invalid-value', path, invalidMessage(priority, `must be ${bound}`));
    return undefined;
  }
  return priority;
}

function decodeTier(
  ctx: DecodeContext,
  spec: RawRecord,
  kind: AdminPolicyKind,
): AdminTier | undefined {
  if (kind === 'AdminNetworkPolicy') return 'Admin';
  if (kind === 'BaselineAdminNetworkPolicy') return 'Baseline';
  const path = ['spec', 'tier'];
  const written = decodeString(ctx, getOwn(spec, 'tier'), path, '');
  if (written === undefined) return undefined;
  const tier = TIERS.find((t) => t === written);
  if (tier === undefined) error(ctx, 'invalid-value', path, unsupportedMessage(written, TIERS));
  return tier;
}
