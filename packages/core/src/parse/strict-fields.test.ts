import { describe, expect, it } from 'vitest';
import { closestField } from './check-fields.js';
import { parseCluster } from './index.js';

const policy = (spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n${spec}`;

const issuesOf = (yaml: string, strict = false) =>
  parseCluster(yaml, { strict }).issues.map(({ severity, code, path, message }) => ({
    severity,
    code,
    path,
    message,
  }));

describe('unknown fields, as strict decoding reports them', () => {
  it('warns about an unknown field with its path and the field it was likely meant to be', () => {
    expect(issuesOf(policy('  podSelector: {}\n  ingres: [{}]'))).toEqual([
      {
        severity: 'warning',
        code: 'unknown-field',
        path: ['spec', 'ingres'],
        message: 'unknown field "spec.ingres"; did you mean "ingress"?',
      },
    ]);
  });

  it('makes unknown fields errors with strict', () => {
    const result = parseCluster(policy('  podSelector: {}\n  ingres: [{}]'), { strict: true });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'unknown-field']]);
  });

  it('refuses a policy whose podSelector is missing and misspelt, even without strict', () => {
    const result = parseCluster(policy('  podselector: {matchLabels: {app: db}}'));
    expect(result.ok).toBe(false);
    expect(
      result.issues.map(({ severity, code, path, message }) => [severity, code, path, message]),
    ).toEqual([
      [
        'warning',
        'unknown-field',
        ['spec', 'podselector'],
        'unknown field "spec.podselector"; did you mean "podSelector"?',
      ],
      [
        'error',
        'missing-field',
        ['spec', 'podSelector'],
        'Required value: the policy has "spec.podselector" instead, which the API server drops, leaving a policy that selects every pod in the namespace',
      ],
    ]);
  });

  it('checks nested policy objects: rules, peers, ipBlock, ports, selectors, requirements', () => {
    const yaml = policy(
      [
        '  podSelector: {matchLabel: {a: b}}',
        '  ingress:',
        '  - form: []',
        '    ports: [{port: 80, protocl: TCP}]',
        '  egress:',
        '  - to:',
        '    - ipBlock: {cidr: 10.0.0.0/8, excpt: []}',
        '    - namespaceSelector: {matchExpressions: [{key: a, operator: Exists, value: []}]}',
        '      podselector: {}',
      ].join('\n'),
    );
    expect(issuesOf(yaml).map((i) => [i.path.join('.'), i.message.split('; ')[1]])).toEqual([
      ['spec.podSelector.matchLabel', 'did you mean "matchLabels"?'],
      ['spec.ingress.0.form', 'did you mean "from"?'],
      ['spec.ingress.0.ports.0.protocl', 'did you mean "protocol"?'],
      ['spec.egress.0.to.0.ipBlock.excpt', 'did you mean "except"?'],
      ['spec.egress.0.to.1.podselector', 'did you mean "podSelector"?'],
      ['spec.egress.0.to.1.namespaceSelector.matchExpressions.0.value', 'did you mean "values"?'],
    ]);
  });

  it('checks Pods, containers, ports, metadata, Services, Namespaces and workload templates', () => {
    const yaml = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a, label: {x: y}}\nspec:\n  hostnetwork: true\n  containers: [{name: c, port: [], ports: [{containerport: 80, containerPort: 80}]}]',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selectr: {a: b}, ports: [{port: 80, targetport: 8080}]}',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\nspec: {finalizer: []}\nstaus: {}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replica: 2\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}, annotation: {}}\n    spec: {containers: []}\n    sepc: {}',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec: {paralelism: 1, template: {spec: {containers: []}}}',
    ].join('\n---\n');
    expect(issuesOf(yaml).map((i) => i.message)).toEqual([
      'unknown field "metadata.label"; did you mean "labels"?',
      'unknown field "spec.hostnetwork"; did you mean "hostNetwork"?',
      'unknown field "spec.containers[0].port"; did you mean "ports"?',
      'unknown field "spec.containers[0].ports[0].containerport"; did you mean "containerPort"?',
      'unknown field "spec.selectr"; did you mean "selector"?',
      'unknown field "spec.ports[0].targetport"; did you mean "targetPort"?',
      'unknown field "staus"; did you mean "status"?',
      'unknown field "spec.finalizer"; did you mean "finalizers"?',
      'unknown field "spec.replica"; did you mean "replicas"?',
      'unknown field "spec.template.sepc"; did you mean "spec"?',
      'unknown field "spec.template.metadata.annotation"; did you mean "annotations"?',
      'unknown field "spec.jobTemplate.spec.paralelism"; did you mean "parallelism"?',
    ]);
  });

  it('does not warn about fields the API has and we do not model', () => {
    const yaml = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a, annotations: {x: y}, uid: u, resourceVersion: "1", creationTimestamp: null, managedFields: []}',
      'spec: {nodeSelector: {}, tolerations: [], volumes: [], containers: [{name: c, image: i, env: [], resources: {}, livenessProbe: {}, ports: [{containerPort: 80, hostPort: 80}]}]}',
      'status: {phase: Running, conditions: []}',
      '---',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ClusterIP, clusterIP: 10.0.0.1, sessionAffinity: None, ports: [{port: 80, appProtocol: http, nodePort: 30000}]}\nstatus: {loadBalancer: {}}',
      '---',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {serviceName: s, replicas: 1, volumeClaimTemplates: [], updateStrategy: {}, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: []}}}',
    ].join('\n');
    expect(issuesOf(yaml)).toEqual([]);
  });

  it('names no field when none is close', () => {
    expect(closestField('podselector', ['podSelector'])).toBe('podSelector');
    expect(closestField('podSelctor', ['podSelector', 'ingress'])).toBe('podSelector');
    expect(closestField('banana', ['podSelector', 'ingress'])).toBeUndefined();
    expect(issuesOf(policy('  podSelector: {}\n  banana: 1'))[0]?.message).toBe(
      'unknown field "spec.banana"',
    );
  });
});
