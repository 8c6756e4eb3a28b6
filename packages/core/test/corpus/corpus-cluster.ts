// Loads a corpus case as a Cluster, checking and repairing the inputs an API server rejects.

import { expect } from 'vitest';
import type { Cluster } from '../../src/model/index.js';
import { parseCluster } from '../../src/parse/index.js';
import { formatPath } from '../../src/parse/issue.js';
import { INVALID_INPUTS, repair } from './invalid-inputs.js';
import type { CorpusCase } from './netpol-analyzer-corpus.js';
import { readInputs } from './netpol-analyzer-corpus.js';

/**
 * Parses a case's inputs as upstream reads them: terminated pods included (upstream rule 9).
 * Invalid inputs must give exactly the expected errors; then they are repaired.
 */
export function loadCorpusCluster(expected: CorpusCase): Cluster {
  let inputs = readInputs(expected);
  const invalid = INVALID_INPUTS[expected.case];
  if (invalid !== undefined) {
    const raw = parseCluster(inputs, { includeTerminatedPods: true });
    const errors = raw.issues.filter((i) => i.severity === 'error');
    expect(
      errors.map((i) => `${i.file}: ${formatPath(i.path)} (${i.code})`),
      'invalid input',
    ).toEqual(invalid.issues);
    inputs = repair(inputs, invalid);
  }
  const parsed = parseCluster(inputs, { includeTerminatedPods: true });
  if (!parsed.ok) {
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    expect.fail(
      `parse failed:\n${errors.map((i) => `  ${i.file}: ${formatPath(i.path)}: ${i.message} (${i.code})`).join('\n')}`,
    );
  }
  return parsed.cluster;
}
