import { describe, expect, it } from 'vitest';
import { pod } from '../../test/support/build.js';
import { buildAddressAtoms, ipBlockKey, ipBlockSet, podAddressAtoms } from './pod-address-atoms.js';

describe('address atoms', () => {
  const blocks = [
    { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] },
    { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] },
    { cidr: '192.168.0.0/24', except: [] },
  ];

  it('reads an ipBlock as its CIDR without the excepts', () => {
    const set = ipBlockSet({ cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] });
    expect(set.toString()).toContain('10.0.0.0');
    expect(ipBlockKey(blocks[0] as (typeof blocks)[0])).toBe(
      ipBlockKey(blocks[1] as (typeof blocks)[0]),
    );
  });

  it('cuts the address space so each ipBlock is a union of atoms and merges duplicates', () => {
    const atoms = buildAddressAtoms(blocks);
    expect(atoms.blockSets.size).toBe(2);
    const inside = atoms.atomOf('10.0.0.5');
    const hole = atoms.atomOf('10.0.1.5');
    const other = atoms.atomOf('192.168.0.9');
    expect(new Set([inside, hole, other]).size).toBe(3);
    expect(atoms.atomOf('10.0.0.200')).toBe(inside);
    expect(atoms.atomOf('10.0.255.1')).toBe(atoms.atomOf('10.0.2.1'));
    const set = atoms.blockSets.get(ipBlockKey({ cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] }));
    expect(set && atoms.ipAtoms.atomsOf(set)).toContain(inside);
    expect(set && atoms.ipAtoms.atomsOf(set)).not.toContain(hole);
  });

  it('finds the atom of IPv6, leading-zero and invalid texts through the full parser', () => {
    const atoms = buildAddressAtoms([...blocks, { cidr: 'fd00::/8', except: [] }]);
    expect(atoms.atomOf('fd00::1')).toBe(
      atoms.ipAtoms.atomOf({ family: 6, value: (0xfd00n << 112n) | 1n }),
    );
    expect(atoms.atomOf('not-an-ip')).toBe(-1);
  });

  it('gives pods their sorted atoms only where an ipBlock can match them', () => {
    const atoms = buildAddressAtoms(blocks);
    const pods = [
      pod('a/p', { ips: ['192.168.0.1', '10.0.0.1', '10.0.0.2'] }),
      pod('a/node', { ips: ['10.0.1.1'], hostNetwork: true }),
    ];
    const both = podAddressAtoms(pods, atoms, true);
    expect(both[0]).toEqual(
      [atoms.atomOf('10.0.0.1'), atoms.atomOf('192.168.0.1')].sort((a, b) => a - b),
    );
    // ipBlocks do not match pods, but node traffic is matched by its IPs all the same.
    const nodeOnly = podAddressAtoms(pods, atoms, false, Uint8Array.from([0, 1]));
    expect(nodeOnly).toEqual([[], [atoms.atomOf('10.0.1.1')]]);
    // Without any ipBlock, addresses never matter.
    expect(podAddressAtoms(pods, buildAddressAtoms([]), true)).toEqual([[], []]);
  });
});
