import { expectationsSpec } from '../../support/expectations-spec.js';
import { SEED_DIR, seedClaims } from '../claims.js';

expectationsSpec(SEED_DIR, seedClaims);
