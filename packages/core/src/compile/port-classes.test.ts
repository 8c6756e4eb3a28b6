import { describe, expect, it } from 'vitest';
import { policy } from '../../test/support/build.js';
import { normalizePolicy } from './policy-ir.js';
import { buildPortClasses, portRangesOf, rulePortMasks } from './port-classes.js';

describe('port classes', () => {
  const policies = [
    policy('a/p', {
      ingress: [
        { ports: [{ port: 80 }, { port: 8000, endPort: 8100 }] },
        { ports: [{ port: 8050 }, { protocol: 'UDP' }] },
        { ports: [{ port: 'http' }] },
        {},
      ],
    }),
  ].map(normalizePolicy);
  const ports = buildPortClasses({
    ranges: portRangesOf(policies),
    namedTargets: new Map([['TCP', [9090]]]),
  });

  it('cuts ports at every boundary a rule uses and merges what every rule treats alike', () => {
    expect(portRangesOf(policies).get('TCP')).toEqual([
      [80, 80],
      [8000, 8100],
      [8050, 8050],
    ]);
    const c = (port: number): number => ports.classOf('TCP', port);
    expect(new Set([c(80), c(8000), c(8050), c(9090), c(1)]).size).toBe(5);
    expect(c(8000)).toBe(c(8100));
    // Ports no rule names are one class, wherever they lie.
    expect(c(1)).toBe(c(65535));
    expect(ports.rangesOf[c(8000)]).toEqual([
      [8000, 8049],
      [8051, 8100],
    ]);
    expect(ports.protocolOf[ports.classOf('UDP', 53)]).toBe('UDP');
  });

  it('gives each rule the classes of its numeric and protocol-only entries', () => {
    const masks = rulePortMasks(policies, ports);
    const [r0, r1, r2, r3] = (policies[0]?.ingress ?? []).map((rule) => masks.get(rule));
    const c = (port: number): number => ports.classOf('TCP', port);
    expect(r0?.toArray()).toEqual([c(80), c(8000), c(8050)].sort((a, b) => a - b));
    expect(r1?.has(c(8050))).toBe(true);
    expect(r1?.has(ports.classOf('UDP', 1))).toBe(true);
    expect(r1?.has(c(80))).toBe(false);
    // Named entries resolve later, per pod; no ports at all means every class.
    expect(r2?.isEmpty()).toBe(true);
    expect(r3?.count()).toBe(ports.count);
  });
});
