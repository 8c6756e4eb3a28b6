// Type tests of the main signatures, through the public entry point: `pnpm typecheck` checks
// them (tsc reads test/), and they run as ordinary tests, where expectTypeOf does nothing.
import type {
  Cluster,
  ConnectionSet,
  ConnectivityDiff,
  DiffOptions,
  Endpoint,
  EndpointResolution,
  Engine,
  Explanation,
  Finding,
  LintOptions,
  ParseInput,
  ParseOptions,
  ParseResult,
  QueryOptions,
  QueryResult,
  ResolvedEndpoint,
  ResolveOptions,
  SemanticsOptions,
  Traffic,
} from '@kube-reach/core';
import {
  type compile,
  type diff,
  type lint,
  type loadCluster,
  parseCluster,
  type query,
  type resolveEndpoint,
} from '@kube-reach/core';
import { describe, expectTypeOf, it } from 'vitest';

/** Exact type identity (expect-type's deep brand trips over readonly model types). */
type Equal<X, Y> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;

describe('public signatures', () => {
  it('parseCluster and loadCluster', () => {
    expectTypeOf<
      Equal<Parameters<typeof parseCluster>, [ParseInput, (ParseOptions | undefined)?]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<typeof parseCluster>, ParseResult>>().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<typeof loadCluster>, Cluster>>().toEqualTypeOf<true>();
    const result = parseCluster('');
    if (result.ok) expectTypeOf(result.cluster).toEqualTypeOf<Cluster>();
    expectTypeOf(result).toHaveProperty('unevaluated');
  });

  it('compile', () => {
    expectTypeOf<
      Equal<Parameters<typeof compile>, [Cluster, (Partial<SemanticsOptions> | undefined)?]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<typeof compile>, Engine>>().toEqualTypeOf<true>();
  });

  it('Engine.canReach, explain and connections', () => {
    expectTypeOf<
      Equal<Parameters<Engine['canReach']>, [Endpoint, Endpoint, Traffic]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<Engine['canReach']>, boolean>>().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<Parameters<Engine['explain']>, [Endpoint, Endpoint, Traffic]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<Engine['explain']>, Explanation>>().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<Parameters<Engine['connections']>, [Endpoint, Endpoint]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<Engine['connections']>, ConnectionSet>>().toEqualTypeOf<true>();
    expectTypeOf<Explanation['allowed']>().toEqualTypeOf<boolean>();
    // Pods by reference, addresses by value; the engine's lists are read-only.
    expectTypeOf({ namespace: 'shop', name: 'web' }).toMatchTypeOf<Endpoint>();
    expectTypeOf({ address: '203.0.113.9' }).toMatchTypeOf<Endpoint>();
    expectTypeOf<Engine['pods']>().toMatchTypeOf<readonly unknown[]>();
  });

  it('resolveEndpoint and query', () => {
    expectTypeOf<
      Equal<Parameters<typeof resolveEndpoint>, [Engine, string, (ResolveOptions | undefined)?]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<ReturnType<typeof resolveEndpoint>, EndpointResolution>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<
        Parameters<typeof query>,
        [Engine, string | ResolvedEndpoint, string | ResolvedEndpoint, (QueryOptions | undefined)?]
      >
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<typeof query>, QueryResult>>().toEqualTypeOf<true>();
  });

  it('diff and lint', () => {
    expectTypeOf<
      Equal<Parameters<typeof diff>, [Engine, Engine, (DiffOptions | undefined)?]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<typeof diff>, ConnectivityDiff>>().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<Parameters<typeof lint>, [Cluster, (LintOptions | undefined)?]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ReturnType<typeof lint>, Finding[]>>().toEqualTypeOf<true>();
  });
});
