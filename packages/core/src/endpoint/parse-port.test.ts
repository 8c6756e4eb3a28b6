import { describe, expect, it } from 'vitest';
import { formatPortQuery, parsePortQuery } from './parse-port.js';

describe('parsePortQuery', () => {
  it.each([
    ['8080', { kind: 'number', port: 8080 }],
    ['http', { kind: 'name', name: 'http' }],
    ['53/udp', { kind: 'number', port: 53, protocol: 'UDP' }],
    ['dns/UDP', { kind: 'name', name: 'dns', protocol: 'UDP' }],
    ['8000-8080', { kind: 'range', first: 8000, last: 8080 }],
    ['8000-8080/sctp', { kind: 'range', first: 8000, last: 8080, protocol: 'SCTP' }],
    ['80-80', { kind: 'number', port: 80 }],
  ])('%s', (text, port) => {
    expect(parsePortQuery(text)).toEqual({ ok: true, port });
    const parsed = parsePortQuery(text);
    if (parsed.ok) expect(parsePortQuery(formatPortQuery(parsed.port))).toEqual(parsed);
  });

  it.each([
    ['0', 'between 1 and 65535'],
    ['70000', 'between 1 and 65535'],
    ['90-80', 'ends before it starts'],
    ['53/icmp', 'unknown protocol "icmp"'],
    ['HTTP', 'invalid port'],
    ['a-very-long-port-name', 'invalid port'],
  ])('rejects %s', (text, message) => {
    const result = parsePortQuery(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
