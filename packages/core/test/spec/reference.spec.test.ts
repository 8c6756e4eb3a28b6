import { referenceCanReach, referenceConnections } from '../../src/reference/index.js';
import { adminSpec } from './admin-spec.js';
import { reachabilitySpec } from './reachability-spec.js';

reachabilitySpec('reference', (cluster, options) => ({
  canReach: (from, to, traffic) => referenceCanReach(cluster, from, to, traffic, options),
  connections: (from, to) => referenceConnections(cluster, from, to, options),
}));

adminSpec('reference', (cluster, options) => ({
  canReach: (from, to, traffic) => referenceCanReach(cluster, from, to, traffic, options),
  connections: (from, to) => referenceConnections(cluster, from, to, options),
}));
