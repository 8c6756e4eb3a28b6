import type { ConnectionSet, Endpoint } from '../model/index.js';
import { intersectSets, NONE, unionAll } from '../net/index.js';
import type { Engine } from './types.js';

/**
 * {@link Engine.peerConnections} answered pair by pair: for each of `others`, one
 * `connections` call per target of the subject, combined as the composed query combines pairs
 * (`all`: the ports every pair may use; `any`: the ports some pair may use; no target: none).
 * The obviously correct form that the batch is held to by a property test, and the answer of an
 * engine that has no compiled rows for its changed pods.
 *
 * @param engine - the engine asked about each pair
 * @param subject - the targets of the endpoint the question is about
 * @param others - the endpoints to answer for
 * @param direction - `to`: each of `others` is the source; `from`: the destination
 * @param combine - how the answers for the subject's targets combine
 * @returns one connection set per entry of `others`, in order
 */
export function pairwisePeerConnections(
  engine: Pick<Engine, 'connections'>,
  subject: readonly Endpoint[],
  others: readonly Endpoint[],
  direction: 'to' | 'from',
  combine: 'all' | 'any',
): readonly ConnectionSet[] {
  return others.map((other) => {
    const sets = subject.map((target) =>
      direction === 'to' ? engine.connections(other, target) : engine.connections(target, other),
    );
    const [first, ...rest] = sets;
    if (first === undefined) return NONE;
    if (combine === 'any') return unionAll(sets);
    return rest.reduce(intersectSets, first);
  });
}
