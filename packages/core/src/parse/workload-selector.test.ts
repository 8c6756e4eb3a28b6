import { describe, expect, it } from 'vitest';
import { parseCluster } from './index.js';

const workload = (apiVersion: string, kind: string, spec: string, labels = '{app: web}') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w}\nspec:\n${spec}\n  template: {metadata: {labels: ${labels}}, spec: {containers: []}}`;

const issuesOf = (yaml: string) =>
  parseCluster(yaml).issues.map(({ severity, code, path, message }) => [
    severity,
    code,
    path.join('.'),
    message,
  ]);

describe('workload selectors against their pod template', () => {
  it.each([
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'StatefulSet'],
    ['apps/v1', 'DaemonSet'],
    ['apps/v1', 'ReplicaSet'],
  ])('refuses a %s %s whose selector does not match the template labels', (v, kind) => {
    expect(issuesOf(workload(v, kind, '  selector: {matchLabels: {app: api}}'))).toEqual([
      [
        'error',
        'invalid-value',
        'spec.template.metadata.labels',
        'Invalid value: {"app":"web"}: `selector` does not match template `labels`',
      ],
    ]);
    expect(issuesOf(workload(v, kind, '  selector: {matchLabels: {app: web}}'))).toEqual([]);
  });

  it('evaluates matchExpressions', () => {
    const spec = (op: string) =>
      `  selector: {matchExpressions: [{key: app, operator: ${op}, values: [web]}]}`;
    expect(issuesOf(workload('apps/v1', 'Deployment', spec('In')))).toEqual([]);
    expect(issuesOf(workload('apps/v1', 'Deployment', spec('NotIn')))[0]?.[2]).toBe(
      'spec.template.metadata.labels',
    );
  });

  it('refuses an empty selector and warns about a missing one', () => {
    expect(issuesOf(workload('apps/v1', 'Deployment', '  selector: {}'))).toEqual([
      [
        'error',
        'invalid-value',
        'spec.selector',
        'Invalid value: {}: empty selector is invalid for deployment',
      ],
    ]);
    expect(issuesOf(workload('apps/v1', 'Deployment', '  replicas: 1'))).toEqual([
      [
        'warning',
        'missing-field',
        'spec.selector',
        'Required value: read as the template labels, but the API server refuses it',
      ],
    ]);
  });

  it("generates a Job's selector when absent, and checks a written one", () => {
    expect(issuesOf(workload('batch/v1', 'Job', '  parallelism: 1'))).toEqual([]);
    expect(
      issuesOf(workload('batch/v1', 'Job', '  selector: {matchLabels: {app: x}}'))[0]?.[2],
    ).toBe('spec.template.metadata.labels');
    expect(issuesOf(workload('batch/v1', 'Job', '  manualSelector: true'))[0]?.slice(0, 3)).toEqual(
      ['warning', 'missing-field', 'spec.selector'],
    );
    const cron =
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      selector: {matchLabels: {app: x}}\n      template: {metadata: {labels: {app: web}}, spec: {containers: []}}';
    expect(issuesOf(cron).map((i) => i[2])).toEqual([
      'spec.jobTemplate.spec.template.metadata.labels',
    ]);
  });

  it("checks a ReplicationController's map selector, which defaults to the template labels", () => {
    expect(issuesOf(workload('v1', 'ReplicationController', '  replicas: 1'))).toEqual([]);
    expect(
      issuesOf(workload('v1', 'ReplicationController', '  selector: {app: api}')).map((i) => i[2]),
    ).toEqual(['spec.template.metadata.labels']);
  });

  it('lets removed apiVersions default the selector to the template labels', () => {
    expect(
      issuesOf(workload('extensions/v1beta1', 'Deployment', '  replicas: 1')).map((i) => i[2]),
    ).toEqual(['apiVersion']);
  });
});
