import { describe, expect, it } from 'vitest';
import { labels, selector } from '../../test/support/build.js';
import { parseCidr, parseIp, rangeContains } from './ip.js';
import {
  ALL_PORTS,
  allPortsOf,
  hasPort,
  intersectPorts,
  NO_PORTS,
  portRange,
  toConnectionSet,
  unionPorts,
} from './port-set.js';
import { selectorMatches } from './selector-matches.js';

describe('port sets', () => {
  it('union merges overlapping and adjacent ranges', () => {
    const set = unionPorts(
      unionPorts(portRange('TCP', 10, 20), portRange('TCP', 21, 30)),
      portRange('TCP', 5, 12),
    );
    expect(set.TCP).toEqual([[5, 30]]);
    expect(unionPorts(portRange('TCP', 1, 2), portRange('TCP', 4, 5)).TCP).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  it('intersection keeps what both sets hold, per protocol', () => {
    const a = unionPorts(portRange('TCP', 1, 100), portRange('UDP', 53, 53));
    const b = unionPorts(
      unionPorts(portRange('TCP', 50, 60), portRange('TCP', 90, 200)),
      allPortsOf('SCTP'),
    );
    expect(intersectPorts(a, b)).toEqual({
      TCP: [
        [50, 60],
        [90, 100],
      ],
      UDP: [],
      SCTP: [],
    });
    expect(intersectPorts(a, NO_PORTS)).toEqual(NO_PORTS);
    expect(intersectPorts(a, ALL_PORTS)).toEqual(a);
  });

  it('an empty range (endPort below port) holds nothing', () => {
    expect(portRange('TCP', 10, 9)).toEqual(NO_PORTS);
  });

  it('hasPort checks inclusive bounds', () => {
    const set = portRange('UDP', 10, 20);
    expect([9, 10, 20, 21].map((p) => hasPort(set, 'UDP', p))).toEqual([false, true, true, false]);
    expect(hasPort(set, 'TCP', 10)).toBe(false);
  });

  it('the public form is all for three full protocols, else the non-empty ones', () => {
    expect(toConnectionSet(ALL_PORTS)).toBe('all');
    expect(
      toConnectionSet(
        unionPorts(unionPorts(allPortsOf('TCP'), allPortsOf('UDP')), allPortsOf('SCTP')),
      ),
    ).toBe('all');
    expect(toConnectionSet(NO_PORTS)).toEqual({});
    expect(toConnectionSet(allPortsOf('UDP'))).toEqual({ UDP: [[1, 65535]] });
  });
});

describe('IP parsing', () => {
  it('parses IPv4 and IPv6, including :: and a dotted IPv4 tail', () => {
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('::')).toEqual({ family: 6, value: 0n });
    expect(parseIp('fd00::')).toEqual({ family: 6, value: 0xfd00n << 112n });
    expect(parseIp('::ffff:10.0.0.1')).toEqual({
      family: 6,
      value: (0xffffn << 32n) | 0x0a000001n,
    });
    expect(parseIp('1:2:3:4:5:6:7:8')?.value).toBe(0x00010002000300040005000600070008n);
  });

  it('rejects malformed addresses', () => {
    for (const bad of [
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.1.1.1',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '1:2:3:4:5:6:7::8',
      ':1::',
      'fe80::1%eth0',
      '12345::',
      'x',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it('parses CIDRs, ignoring host bits', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, first: 0x0a000000n, last: 0x0affffffn });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, first: 0n, last: 0xffffffffn });
    expect(parseCidr('2001:db8::/32')?.last).toBe((0x20010db8n << 96n) | ((1n << 96n) - 1n));
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/08', '10.0.0.0/']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });

  it('a range contains only addresses of its own family', () => {
    const range = parseCidr('0.0.0.0/0')!;
    expect(rangeContains(range, parseIp('1.2.3.4')!)).toBe(true);
    expect(rangeContains(range, parseIp('::1')!)).toBe(false);
  });
});

describe('label selectors', () => {
  const l = labels({ app: 'web', tier: 'front' });

  it('an empty selector matches everything, even no labels', () => {
    expect(selectorMatches(selector(), labels())).toBe(true);
  });

  it('matchLabels needs every pair', () => {
    expect(selectorMatches(selector({ matchLabels: { app: 'web' } }), l)).toBe(true);
    expect(selectorMatches(selector({ matchLabels: { app: 'web', tier: 'back' } }), l)).toBe(false);
  });

  it('In, NotIn, Exists, DoesNotExist', () => {
    const m = (
      operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist',
      key: string,
      values?: string[],
    ) =>
      selectorMatches(
        selector({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] }),
        l,
      );
    expect(m('In', 'app', ['web', 'api'])).toBe(true);
    expect(m('In', 'app', ['api'])).toBe(false);
    expect(m('In', 'missing', ['web'])).toBe(false);
    expect(m('NotIn', 'app', ['web'])).toBe(false);
    expect(m('NotIn', 'app', ['api'])).toBe(true);
    expect(m('NotIn', 'missing', ['web'])).toBe(true);
    expect(m('Exists', 'tier')).toBe(true);
    expect(m('Exists', 'missing')).toBe(false);
    expect(m('DoesNotExist', 'tier')).toBe(false);
    expect(m('DoesNotExist', 'missing')).toBe(true);
  });

  it('label keys that name Object properties are plain keys', () => {
    expect(
      selectorMatches(
        selector({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }),
        l,
      ),
    ).toBe(false);
    const proto = { matchLabels: new Map([['__proto__', 'x']]), matchExpressions: [] };
    expect(selectorMatches(proto, labels())).toBe(false);
    expect(selectorMatches(proto, new Map([['__proto__', 'x']]))).toBe(true);
  });
});
