import { describe, expect, it } from 'vitest';
import {
  dns1035LabelErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  labelValueErrors,
  portNameErrors,
  portNumberErrors,
  qualifiedNameErrors,
} from './names.js';

describe('name rules', () => {
  it('IsDNS1123Label', () => {
    for (const ok of ['a', 'my-name', '123-abc', 'a'.repeat(63)])
      expect(dns1123LabelErrors(ok)).toEqual([]);
    expect(dns1123LabelErrors('a.b')).toEqual(['must not contain dots']);
    expect(dns1123LabelErrors('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    for (const bad of ['', 'A', '-a', 'a-', 'a_b']) expect(dns1123LabelErrors(bad)).toHaveLength(1);
  });

  it('IsDNS1123Subdomain', () => {
    for (const ok of ['a', 'example.com', 'a-b.c-d', `${'a'.repeat(63)}.${'b'.repeat(63)}`]) {
      expect(dns1123SubdomainErrors(ok)).toEqual([]);
    }
    for (const bad of ['', 'A.com', 'a..b', '.a', 'a.', 'a_b'])
      expect(dns1123SubdomainErrors(bad)).toHaveLength(1);
    expect(dns1123SubdomainErrors('a'.repeat(254))).toEqual([
      'must be no more than 253 characters',
    ]);
  });

  it('IsDNS1035Label', () => {
    expect(dns1035LabelErrors('web-1')).toEqual([]);
    for (const bad of ['1web', '', 'a.b', 'Web']) expect(dns1035LabelErrors(bad)).toHaveLength(1);
  });

  it('IsQualifiedName', () => {
    for (const ok of [
      'app',
      'App_1.x-y',
      'example.com/Name',
      'a/b',
      'kubernetes.io/metadata.name',
    ]) {
      expect(qualifiedNameErrors(ok)).toEqual([]);
    }
    expect(qualifiedNameErrors('')).toEqual(['name part must be non-empty']);
    expect(qualifiedNameErrors('/a')).toEqual(['prefix part must be non-empty']);
    expect(qualifiedNameErrors('a/b/c')).toHaveLength(1);
    expect(qualifiedNameErrors('x'.repeat(64))).toEqual([
      'name part must be no more than 63 characters',
    ]);
    expect(qualifiedNameErrors('Example.com/a')[0]).toMatch(
      /^prefix part a lowercase RFC 1123 subdomain/,
    );
  });

  it('IsValidLabelValue', () => {
    for (const ok of ['', 'a', 'MyValue', 'my_value', '12345', 'a.b-c_d'])
      expect(labelValueErrors(ok)).toEqual([]);
    for (const bad of ['-a', 'a-', 'a b', 'é']) expect(labelValueErrors(bad)).toHaveLength(1);
    expect(labelValueErrors('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('IsValidPortName (IANA_SVC_NAME)', () => {
    for (const ok of ['http', 'h2c', 'web-1', 'a'.repeat(15), '1a'])
      expect(portNameErrors(ok)).toEqual([]);
    expect(portNameErrors('a'.repeat(16))).toEqual(['must be no more than 15 characters']);
    expect(portNameErrors('80')).toEqual(['must contain at least one letter (a-z)']);
    expect(portNameErrors('a--b')).toEqual(['must not contain consecutive hyphens']);
    expect(portNameErrors('-ab')).toEqual(['must not begin or end with a hyphen']);
    expect(portNameErrors('Http')).toHaveLength(1);
    expect(portNameErrors('')).toHaveLength(2);
  });

  it('IsValidPortNum', () => {
    expect([0, 1, 65535, 65536].map((p) => portNumberErrors(p).length)).toEqual([1, 0, 0, 1]);
  });

  it('does not run patterns over huge hostile strings', () => {
    const huge = `${'a-'.repeat(1_000_000)}!`;
    const start = performance.now();
    expect(dns1123SubdomainErrors(huge)).toEqual(['must be no more than 253 characters']);
    expect(qualifiedNameErrors(huge)).toEqual(['name part must be no more than 63 characters']);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
