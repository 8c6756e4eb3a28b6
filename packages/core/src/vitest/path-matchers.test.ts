import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { pathMatchers } from './index.js';

const shop = compile(
  loadCluster(readFileSync(new URL('../../test/fixtures/kit-shop.yaml', import.meta.url), 'utf8')),
);

beforeAll(() => {
  expect.extend(pathMatchers);
});

/** The failure message of an assertion, without colours. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (e) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes.
    return (e as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
  }
  throw new Error('the assertion passed');
}

describe('toHaveNoPath', () => {
  it('passes when no chain of hops leads there within maxHops, and fails with the chain', () => {
    const web = 'shop/deployment/web';
    const db = 'shop/statefulset/db';
    expect(shop).toHaveNoPath(web, db, { maxHops: 1 });
    const message = failure(() => expect(shop).toHaveNoPath(web, db));
    expect(message).toContain(
      'expected no path from shop/deployment/web to shop/statefulset/db, but one has 2 hops:',
    );
    expect(message).toContain('shop/deployment/api -TCP/5432-> shop/statefulset/db');
    expect(shop).not.toHaveNoPath(web, db, { maxHops: 2 });
    expect(failure(() => expect(shop).not.toHaveNoPath(web, db, { maxHops: 1 }))).toContain(
      'expected a path from shop/deployment/web to shop/statefulset/db within 1 hops, but there is none',
    );
  });

  it('restricts hops with ports and throws for what is not an engine', () => {
    expect(shop).toHaveNoPath('shop/deployment/web', 'shop/statefulset/db', {
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
    expect(() => expect({}).toHaveNoPath('a', 'b')).toThrow(TypeError);
  });
});
