import { describe, expect, it } from 'vitest';
import { PortAtoms } from './port-atoms.js';
import { PortSet } from './port-set.js';

describe('PortSet', () => {
  it('normalises ranges: sorted, merged, adjacent ranges joined', () => {
    const s = PortSet.of([
      [8000, 8080],
      [443, 443],
      [80, 80],
      [81, 90],
      [8050, 9000],
    ]);
    expect(s.ranges).toEqual([
      [80, 90],
      [443, 443],
      [8000, 9000],
    ]);
    expect(s.toString()).toBe('80-90,443,8000-9000');
    expect(s.size).toBe(11 + 1 + 1001);
    expect(s.has(85)).toBe(true);
    expect(s.has(91)).toBe(false);
  });

  it('has ALL and EMPTY', () => {
    expect(PortSet.ALL.isAll()).toBe(true);
    expect(PortSet.ALL.size).toBe(65535);
    expect(PortSet.ALL.toString()).toBe('1-65535');
    expect(PortSet.EMPTY.isEmpty()).toBe(true);
    expect(PortSet.EMPTY.toString()).toBe('');
    expect(PortSet.range(1, 65535).equals(PortSet.ALL)).toBe(true);
    expect(PortSet.ALL.difference(PortSet.single(1)).toString()).toBe('2-65535');
  });

  it('rejects invalid ports', () => {
    expect(() => PortSet.single(0)).toThrow(RangeError);
    expect(() => PortSet.single(65536)).toThrow(RangeError);
    expect(() => PortSet.single(1.5)).toThrow(RangeError);
    expect(() => PortSet.range(10, 9)).toThrow(RangeError);
  });

  it('computes union, intersection and difference', () => {
    const a = PortSet.of([
      [1, 10],
      [20, 30],
    ]);
    const b = PortSet.of([
      [5, 25],
      [65535, 65535],
    ]);
    expect(a.union(b).toString()).toBe('1-30,65535');
    expect(a.intersect(b).toString()).toBe('5-10,20-25');
    expect(a.difference(b).toString()).toBe('1-4,26-30');
    expect(b.difference(a).toString()).toBe('11-19,65535');
  });
});

describe('PortAtoms', () => {
  it('cuts at every boundary', () => {
    const atoms = PortAtoms.fromBoundaries([PortSet.single(80), PortSet.range(80, 90)]);
    expect(atoms.count).toBe(4);
    expect([0, 1, 2, 3].map((i) => atoms.range(i))).toEqual([
      [1, 79],
      [80, 80],
      [81, 90],
      [91, 65535],
    ]);
    expect(atoms.atomOf(1)).toBe(0);
    expect(atoms.atomOf(80)).toBe(1);
    expect(atoms.atomOf(65535)).toBe(3);
    expect(atoms.atomsOf(PortSet.range(80, 90))).toEqual([1, 2]);
    expect(atoms.atomsOf(PortSet.ALL)).toEqual([0, 1, 2, 3]);
    expect(() => atoms.atomsOf(PortSet.single(85))).toThrow(RangeError);
    expect(() => atoms.atomOf(0)).toThrow(RangeError);
    expect(() => atoms.range(4)).toThrow(RangeError);
  });

  it('has one atom when no set cuts', () => {
    const atoms = PortAtoms.fromBoundaries([PortSet.ALL, PortSet.EMPTY]);
    expect(atoms.count).toBe(1);
    expect(atoms.range(0)).toEqual([1, 65535]);
  });
});
