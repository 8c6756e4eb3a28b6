import { describe, expect, it } from 'vitest';
import { formatLabelSelector, matchesLabelSelector, parseLabelSelector } from './parse-selector.js';

function matches(selector: string, labels: Record<string, string>): boolean {
  const parsed = parseLabelSelector(selector);
  if (!parsed.ok) throw new Error(parsed.message);
  return matchesLabelSelector(new Map(Object.entries(labels)), parsed.selector);
}

describe('parseLabelSelector (kubectl -l grammar)', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'web' }, true],
    ['app=web', { app: 'api' }, false],
    ['app!=web', { app: 'api' }, true],
    ['app!=web', {}, true],
    ['app in (web, api)', { app: 'api' }, true],
    ['app in (web,api)', { app: 'db' }, false],
    ['app notin (web)', {}, true],
    ['app notin (web)', { app: 'web' }, false],
    ['app', { app: '' }, true],
    ['app', {}, false],
    ['!app', {}, true],
    ['!app', { app: 'x' }, false],
    ['app=web,tier in (fe,be),!canary', { app: 'web', tier: 'be' }, true],
    ['app=web,tier in (fe,be),!canary', { app: 'web', tier: 'be', canary: 'y' }, false],
    ['', { anything: 'x' }, true],
  ])('%j on %j is %s', (selector, labels, expected) => {
    expect(matches(selector, labels)).toBe(expected);
  });

  it('writes the selector back in the same grammar', () => {
    const parsed = parseLabelSelector('app=web,tier notin (b,a),x,!y,k!=v');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(formatLabelSelector(parsed.selector)).toBe('app=web,tier notin (a,b),x,!y,k!=v');
  });

  it.each([
    ['app=web,', 'empty requirement'],
    ['app in ()', 'at least one value'],
    ['app>3', 'cannot read'],
    ['-app=x', 'invalid key'],
    ['app=-x', 'invalid value'],
  ])('rejects %j', (selector, message) => {
    const result = parseLabelSelector(selector);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
