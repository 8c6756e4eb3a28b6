import type { SemanticsOptions, SourceRef } from '../model/index.js';
import type { Engine } from '../query/index.js';

/** The stable codes of `lint` findings. */
export type LintCode =
  | 'namespace-without-default-deny'
  | 'pod-not-isolated'
  | 'dns-egress-blocked'
  | 'selector-matches-nothing'
  | 'named-port-unresolved'
  | 'peer-and-or-suspect'
  | 'service-port-not-container-port'
  | 'ipblock-covers-pods'
  | 'rule-redundant'
  | 'policy-empty-effect'
  | 'plugin-feature'
  | 'plugin-unsupported-feature'
  | 'admin-rule-shadowed'
  | 'admin-priority-tie'
  | 'admin-pass-to-nothing'
  | 'baseline-name';

/** Every lint code, in the order the documentation lists them. */
export const LINT_CODES: readonly LintCode[] = [
  'namespace-without-default-deny',
  'pod-not-isolated',
  'dns-egress-blocked',
  'selector-matches-nothing',
  'named-port-unresolved',
  'peer-and-or-suspect',
  'service-port-not-container-port',
  'ipblock-covers-pods',
  'rule-redundant',
  'policy-empty-effect',
  'plugin-feature',
  'plugin-unsupported-feature',
  'admin-rule-shadowed',
  'admin-priority-tie',
  'admin-pass-to-nothing',
  'baseline-name',
];

/** How much a finding matters: `error` is almost surely a bug, `info` is worth knowing. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** The severities, most severe first. */
export const LINT_SEVERITIES: readonly LintSeverity[] = ['error', 'warning', 'info'];

/** The object a finding is about. A namespace and an admin policy have no `namespace`. */
export interface FindingObject {
  readonly kind:
    | 'NetworkPolicy'
    | 'Namespace'
    | 'AdminNetworkPolicy'
    | 'BaselineAdminNetworkPolicy'
    | 'ClusterNetworkPolicy';
  readonly namespace?: string;
  readonly name: string;
}

/** One lint finding: plain data; `formatFinding` renders it as a line. */
export interface Finding {
  readonly code: LintCode;
  readonly severity: LintSeverity;
  readonly object: FindingObject;
  /** Field path inside the object, as `spec.ingress[0].from[1]`; empty for the whole object. */
  readonly path: string;
  /** One line, no trailing period. */
  readonly message: string;
  /** What to do about it, in a sentence or two; links to sources where a claim needs one. */
  readonly hint: string;
  /** Where the object came from, when it came from a file. */
  readonly source?: SourceRef;
}

/** Options of `lint`. */
export interface LintOptions {
  /** Codes to leave out. */
  readonly disable?: readonly LintCode[];
  /** Plugin-defined behaviours, as for `compile`; ignored when `engine` is given. */
  readonly semantics?: Partial<SemanticsOptions>;
  /** An engine compiled from the same cluster, to reuse instead of compiling again. */
  readonly engine?: Engine;
}
