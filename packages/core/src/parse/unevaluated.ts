import type { SourceRef } from '../model/index.js';

/**
 * An object that can change traffic but that the parser skipped without evaluating it
 * (CiliumNetworkPolicy, Calico GlobalNetworkPolicy, Istio AuthorizationPolicy, an admin policy at
 * an unknown apiVersion, ...): every answer is given as if it were absent, so callers should say
 * so loudly.
 */
export interface UnevaluatedObject {
  readonly kind: string;
  readonly apiVersion: string;
  /** As written; absent when the object names none. */
  readonly namespace?: string;
  readonly name?: string;
  readonly source: SourceRef;
  /** Why it was not evaluated, one line. */
  readonly reason: string;
}
