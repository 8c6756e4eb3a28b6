import { compile } from '../../src/query/index.js';
import { reachabilitySpec } from './reachability-spec.js';

reachabilitySpec('compiled engine', (cluster, options) => compile(cluster, options));
