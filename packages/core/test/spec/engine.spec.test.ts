import { compile } from '../../src/query/index.js';
import { adminSpec } from './admin-spec.js';
import { reachabilitySpec } from './reachability-spec.js';

reachabilitySpec('compiled engine', (cluster, options) => compile(cluster, options));

adminSpec('compiled engine', (cluster, options) => compile(cluster, options));
