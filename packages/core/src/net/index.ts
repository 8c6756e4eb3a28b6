export type { CidrError, CidrOptions, ParsedCidr } from './cidr.js';
export { CIDR_ERROR_MESSAGE, isCidrError, isStrictSubset, parseCidr } from './cidr.js';
export {
  coverage,
  intersectSets,
  isEmptySet,
  NONE,
  portSetOf,
  portsSet,
  rangesOf,
  restrictSet,
  setKey,
  subtractSets,
  unionAll,
  unionSets,
} from './connection-set.js';
export type { IpAddress, IpFamily } from './ip.js';
export {
  formatIp,
  formatIpRange,
  hasIpv4LeadingZeros,
  ipBits,
  isIpv4Mapped,
  MAX_IPV4,
  MAX_IPV6,
  maxIp,
  parseIp,
  rangeToCidrs,
} from './ip.js';
export type { IpAtom } from './ip-atoms.js';
export { IpAtoms } from './ip-atoms.js';
export type { IpRange } from './ip-set.js';
export { IpSet } from './ip-set.js';
export { parseIpv4Fast } from './ipv4-fast.js';
export { PortAtoms } from './port-atoms.js';
export type { Range } from './port-set.js';
export { MAX_PORT, MIN_PORT, PortSet } from './port-set.js';
