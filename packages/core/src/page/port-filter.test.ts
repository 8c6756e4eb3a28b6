import { describe, expect, it } from 'vitest';
import { allowsFilter, parsePortFilter } from './port-filter.js';

describe('parsePortFilter', () => {
  it('reads nothing, a port (TCP), a port and protocol, and a protocol alone', () => {
    expect(parsePortFilter('')).toEqual({});
    expect(parsePortFilter(' 80 ')).toEqual({ port: 80, protocol: 'TCP' });
    expect(parsePortFilter('53/udp')).toEqual({ port: 53, protocol: 'UDP' });
    expect(parsePortFilter('sctp')).toEqual({ protocol: 'SCTP' });
  });

  it('rejects what is not a port', () => {
    expect(parsePortFilter('0')).toBeUndefined();
    expect(parsePortFilter('70000')).toBeUndefined();
    expect(parsePortFilter('80/icmp')).toBeUndefined();
    expect(parsePortFilter('http')).toBeUndefined();
  });
});

describe('allowsFilter', () => {
  const set = { TCP: [[80, 90]] as [number, number][], UDP: [[53, 53]] as [number, number][] };
  it('answers on ranges, per protocol', () => {
    expect(allowsFilter(set, { port: 85, protocol: 'TCP' })).toBe(true);
    expect(allowsFilter(set, { port: 53, protocol: 'TCP' })).toBe(false);
    expect(allowsFilter(set, { port: 53, protocol: 'UDP' })).toBe(true);
    expect(allowsFilter(set, { protocol: 'SCTP' })).toBe(false);
    expect(allowsFilter(set, {})).toBe(true);
    expect(allowsFilter({}, {})).toBe(false);
    expect(allowsFilter('all', { port: 1, protocol: 'SCTP' })).toBe(true);
  });
});
