import { expectationsSpec } from '../../support/expectations-spec.js';
import { SHOP_DIR, shopClaims } from '../claims.js';

expectationsSpec(SHOP_DIR, shopClaims);
