import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReachError } from '../errors.js';
import { loadCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { reachMatchers } from './index.js';

const shop = compile(
  loadCluster(readFileSync(new URL('../../test/fixtures/kit-shop.yaml', import.meta.url), 'utf8')),
);

const web = 'shop/deployment/web';
const api = 'shop/deployment/api';
const db = 'shop/statefulset/db';

beforeAll(() => {
  expect.extend(reachMatchers);
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

describe('toAllow', () => {
  it('passes for an allowed flow, and .not for a denied one', () => {
    expect(shop).toAllow({ from: api, to: db, port: 5432 });
    expect(shop).toAllow({
      from: { namespace: 'shop', name: 'deployment/api' },
      to: db,
      port: 5432,
      protocol: 'TCP',
    });
    expect(shop).not.toAllow({ from: web, to: db, port: 5432 });
    expect(shop).not.toAllow({ from: api, to: db, port: 5432, protocol: 'UDP' });
    expect(shop).toAllow({ from: web, to: '203.0.113.10', port: 443 });
    expect(shop).not.toAllow({ from: web, to: { address: '203.0.113.200' }, port: 443 });
  });

  it('explains a denied flow: the isolating policies and the missing rule', () => {
    const message = failure(() =>
      expect(shop).toAllow({ from: 'ops/ci-runner', to: db, port: 5432 }),
    );
    expect(message).toContain('expect(engine).toAllow(flow)');
    expect(message).toContain(
      'expected ops/ci-runner to reach shop/statefulset/db on 5432/TCP, but it is denied: ' +
        'ingress to shop/statefulset/db is isolated by shop/db-allow-api, shop/default-deny; ' +
        'no rule allows ops/ci-runner on 5432/TCP',
    );
    // Both sides, when both deny.
    expect(failure(() => expect(shop).toAllow({ from: web, to: db, port: 5432 }))).toContain(
      'but it is denied: egress from shop/deployment/web is isolated by shop/web-egress; ' +
        'no rule allows shop/statefulset/db on 5432/TCP; and ingress to shop/statefulset/db',
    );
  });

  it('names the allowing rule when .not fails', () => {
    const message = failure(() => expect(shop).not.toAllow({ from: api, to: db, port: 5432 }));
    expect(message).toContain('expect(engine).not.toAllow(flow)');
    expect(message).toContain(
      'expected shop/deployment/api not to reach shop/statefulset/db on 5432/TCP, but it is allowed: ' +
        'egress from shop/deployment/api is not isolated; ingress to shop/statefulset/db allowed by ' +
        'shop/db-allow-api rule 0 (from peer 0, port 5432/TCP)',
    );
  });

  it('works as an asymmetric matcher', () => {
    expect({ engine: shop }).toEqual({
      engine: expect.toAllow({ from: api, to: db, port: 5432 }),
    });
  });

  it('throws on something that is not an engine, and on an unknown pod', () => {
    expect(() => expect({}).toAllow({ from: api, to: db, port: 5432 })).toThrow(
      /toAllow: expected an Engine/,
    );
    expect(() => expect(shop).toAllow({ from: 'shop/nope', to: db, port: 5432 })).toThrow(
      ReachError,
    );
  });
});

describe('toIsolate', () => {
  it('checks one direction or both', () => {
    expect(shop).toIsolate(db, { direction: 'ingress' });
    expect(shop).not.toIsolate(db, { direction: 'egress' });
    expect(shop).not.toIsolate(db);
    expect(shop).toIsolate({ namespace: 'shop', name: 'deployment/web' });
    expect(shop).not.toIsolate('ops/debug', { direction: 'ingress' });
  });

  it('says which policies isolate each side, and which side is open', () => {
    const message = failure(() => expect(shop).toIsolate(db));
    expect(message).toContain('expect(engine).toIsolate(pod)');
    expect(message).toContain('expected shop/statefulset/db to be isolated for ingress and egress');
    expect(message).toContain('  ingress: isolated by shop/db-allow-api, shop/default-deny');
    expect(message).toContain(
      '  egress: not isolated (no policy with Egress in its policyTypes selects it)',
    );
  });

  it('says so when .not fails', () => {
    const message = failure(() => expect(shop).not.toIsolate(web, { direction: 'egress' }));
    expect(message).toContain('expected shop/deployment/web not to be isolated for egress');
    expect(message).toContain('  egress: isolated by shop/web-egress');
  });

  it('takes pods only', () => {
    expect(() => expect(shop).toIsolate('10.0.0.1')).toThrow(/toIsolate: expected a pod/);
  });
});

describe('toAllowOnly', () => {
  it('passes for exactly the pods that reach the target (itself left out)', () => {
    expect(shop).toAllowOnly(db, [api], { port: 5432 });
    expect(shop).toAllowOnly(db, [], { port: 80 });
    expect(shop).not.toAllowOnly(db, [api, web], { port: 5432 });
    expect(shop).toAllowOnly(api, ['ops/ci-runner', 'ops/debug', 'ops/monitor', web], {
      port: 8085,
    });
  });

  it('counts the target itself only when listed', () => {
    // A template pod to itself is replica to replica; db's policies do not admit db.
    expect(shop).not.toAllowOnly(db, [api, db], { port: 5432 });
    expect(shop).toAllowOnly('ops/debug', ['ops/ci-runner', 'ops/debug', 'ops/monitor', api, db], {
      port: 1,
    });
  });

  it('lists unexpected and missing pods, each with its explanation', () => {
    const message = failure(() => expect(shop).toAllowOnly(api, [web, db], { port: 8080 }));
    expect(message).toContain('expect(engine).toAllowOnly(from)');
    expect(message).toContain(
      'expected exactly shop/deployment/web, shop/statefulset/db to reach shop/deployment/api on 8080/TCP',
    );
    expect(message).toContain('unexpected, allowed (3):');
    expect(message).toContain(
      '  ops/ci-runner: allowed: egress from ops/ci-runner is not isolated; ingress to ' +
        'shop/deployment/api allowed by shop/api-allow rule 0 (from peer 1, port 8080/TCP)',
    );
    expect(message).toContain('missing, denied (1):');
    expect(message).toContain(
      '  shop/statefulset/db: denied: ingress to shop/deployment/api is isolated by ' +
        'shop/api-allow, shop/default-deny; no rule allows shop/statefulset/db on 8080/TCP',
    );
  });

  it('gives vitest the sorted lists to diff', () => {
    let error: { actual?: unknown; expected?: unknown } | undefined;
    try {
      expect(shop).toAllowOnly(api, [db], { port: 8080 });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error?.actual).toEqual(['ops/ci-runner', 'ops/debug', 'ops/monitor', web]);
    expect(error?.expected).toEqual([db]);
  });

  it('explains at most three pods per list', () => {
    const message = failure(() => expect(shop).toAllowOnly('ops/debug', [], { port: 1 }));
    expect(message).toContain('unexpected, allowed (4):');
    expect(message).toContain('  ... and 1 more');
  });

  it('says so when .not fails', () => {
    const message = failure(() => expect(shop).not.toAllowOnly(db, [api], { port: 5432 }));
    expect(message).toContain(
      'expected other pods than exactly shop/deployment/api to reach shop/statefulset/db on 5432/TCP, but exactly these do',
    );
  });

  it('throws for an unknown pod and for an address', () => {
    expect(() => expect(shop).toAllowOnly(db, ['shop/nope'], { port: 5432 })).toThrow(
      /toAllowOnly: no pod shop\/nope/,
    );
    expect(() => expect(shop).toAllowOnly(db, ['10.0.0.1'], { port: 5432 })).toThrow(
      /toAllowOnly: expected a pod/,
    );
  });
});

describe('types', () => {
  it('are added to vitest Assertion', () => {
    // Never called: the checks are the compiler's.
    const checks = (): void => {
      expect(shop).toAllow({ from: api, to: db, port: 5432, protocol: 'SCTP' });
      // @ts-expect-error the port is required
      expect(shop).toAllow({ from: api, to: db });
      // @ts-expect-error a direction is ingress, egress or both
      expect(shop).toIsolate(db, { direction: 'up' });
      // @ts-expect-error traffic is required
      expect(shop).toAllowOnly(db, [api]);
    };
    expect(typeof checks).toBe('function');
  });
});
