import { ReachError } from '../errors.js';
import type { Traffic } from '../model/index.js';
import { MAX_PORT, PROTOCOLS } from '../model/index.js';

/**
 * A traffic description, checked and with TCP filled in.
 * @throws ReachError `invalid-traffic` for an unknown protocol or a port outside 1–65535
 */
export function checkTraffic(traffic: Traffic): Required<Traffic> {
  const protocol = traffic.protocol ?? 'TCP';
  if (!PROTOCOLS.includes(protocol)) {
    throw new ReachError('invalid-traffic', `protocol must be TCP, UDP or SCTP, got ${protocol}`);
  }
  if (!Number.isInteger(traffic.port) || traffic.port < 1 || traffic.port > MAX_PORT) {
    throw new ReachError(
      'invalid-traffic',
      `port must be an integer from 1 to 65535, got ${traffic.port}`,
    );
  }
  return { port: traffic.port, protocol };
}
