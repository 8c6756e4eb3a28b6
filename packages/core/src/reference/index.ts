/**
 * The reference evaluator (`@kube-reach/core/reference`): a slow, independent second opinion
 * that applies the NetworkPolicy rules pair by pair. Tests use it as the oracle for the
 * compiled engine.
 */
export {
  referenceCanReach,
  referenceConnections,
  referenceIsolated,
} from './reference-connections.js';
