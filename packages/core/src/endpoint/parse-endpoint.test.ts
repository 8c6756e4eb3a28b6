import { describe, expect, it } from 'vitest';
import { formatEndpointSpec, parseEndpoint } from './parse-endpoint.js';

function spec(text: string): unknown {
  const result = parseEndpoint(text);
  if (!result.ok) throw new Error(result.message);
  return result.spec;
}

describe('parseEndpoint', () => {
  it.each([
    ['web', { kind: 'object', name: 'web' }],
    ['shop/web', { kind: 'object', namespace: 'shop', name: 'web' }],
    ['shop/deploy/web', { kind: 'object', namespace: 'shop', resource: 'Deployment', name: 'web' }],
    ['shop/SVC/db', { kind: 'object', namespace: 'shop', resource: 'Service', name: 'db' }],
    ['svc/db', { kind: 'object', resource: 'Service', name: 'db', alternativeNamespace: 'svc' }],
    [
      'sts/db',
      { kind: 'object', resource: 'StatefulSet', name: 'db', alternativeNamespace: 'sts' },
    ],
    ['10.1.2.3', { kind: 'address', address: '10.1.2.3' }],
    ['2001:DB8:0::7', { kind: 'address', address: '2001:db8::7' }],
    ['203.0.113.0/24', { kind: 'cidr', cidr: '203.0.113.0/24' }],
    ['203.0.113.9/24', { kind: 'cidr', cidr: '203.0.113.0/24' }],
    ['external', { kind: 'external' }],
    ['World', { kind: 'external' }],
  ])('%s', (text, expected) => {
    expect(spec(text)).toEqual(expected);
  });

  it('reads a hypothetical pod, sorted, with the excluded labels kept apart', () => {
    expect(spec('shop/[tier!=db, app=web]')).toEqual({
      kind: 'labels',
      namespace: 'shop',
      present: new Map([['app', 'web']]),
      absent: [['tier', 'db']],
    });
    expect(spec('[]')).toEqual({ kind: 'labels', present: new Map(), absent: [] });
  });

  it.each([
    ['', 'cannot be empty'],
    ['a/b/c/d', 'invalid endpoint'],
    ['shop//web', 'invalid endpoint'],
    ['shop/widget/web', 'unknown kind "widget"'],
    ['10.0.0.0/33', 'invalid CIDR'],
    ['shop/[app]', 'key=value or key!=value'],
    ['shop/[app=web,app=api]', 'two values'],
    ['shop/[app=web,app!=web]', 'both sets and excludes'],
    ['shop/[-bad=x]', 'invalid label key'],
    ['a/b/[app=web]', 'expected [LABELS] or NAMESPACE/[LABELS]'],
    ['shop/[app=web', 'one pair of brackets'],
    ['shop web', 'white space'],
  ])('rejects %j', (text, message) => {
    const result = parseEndpoint(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('formatEndpointSpec', () => {
  it.each([
    ['web', 'default/web'],
    ['shop/po/web', 'shop/web'],
    ['shop/deploy/web', 'shop/deployment/web'],
    ['svc/db', 'default/service/db'],
    ['[tier!=db,app=web]', 'default/[app=web,tier!=db]'],
    ['2001:db8:0:0::7', '2001:db8::7'],
    ['world', 'external'],
  ])('%s -> %s', (text, canonical) => {
    const result = parseEndpoint(text);
    if (!result.ok) throw new Error(result.message);
    expect(formatEndpointSpec(result.spec, 'default')).toBe(canonical);
  });
});
