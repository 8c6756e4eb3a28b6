import type { Cluster, Endpoint, Traffic } from '@kube-reach/core';
import { referenceCanReach } from '@kube-reach/core/reference';

/** Answers reachability questions about one cluster. */
export interface Evaluator {
  /** @throws ReachError for an unknown pod or invalid traffic (a CLI bug or bad input). */
  canReach(from: Endpoint, to: Endpoint, traffic: Traffic): boolean;
}

/**
 * The one place the CLI asks core for verdicts. It uses the reference evaluator for now; when
 * the compiled engine lands, this becomes `compile(cluster)` and nothing else changes.
 */
export function createEvaluator(cluster: Cluster): Evaluator {
  return { canReach: (from, to, traffic) => referenceCanReach(cluster, from, to, traffic) };
}
