import { describe, expect, it } from 'vitest';
import { ReachError } from '../errors.js';
import { PROFILES } from './catalog.js';
import { findProfile, knobsOf, profileNames, profileSemantics, resolveProfile } from './resolve.js';

describe('CNI profiles', () => {
  it('has the profiles the issue names, spec first', () => {
    expect(PROFILES.map((p) => p.name)).toEqual([
      'spec',
      'antrea',
      'aws-vpc-cni',
      'azure-cilium',
      'azure-npm',
      'calico',
      'cilium',
      'flannel',
      'gke-dataplane-v2',
      'kube-network-policies',
      'kube-router',
      'ovn-kubernetes',
      'weave',
    ]);
  });

  it('resolves aliases and versions: endPort is ignored by Cilium before 1.16', () => {
    expect(findProfile('openshift')?.name).toBe('ovn-kubernetes');
    expect(resolveProfile('cilium').knobs.endPort).toBe('supported');
    expect(resolveProfile('cilium@1.16').knobs.endPort).toBe('supported');
    expect(resolveProfile('cilium@1.15').knobs.endPort).toBe('ignored');
    expect(resolveProfile('cilium@1.15').sources.endPort?.verified).toBe(true);
    expect(profileNames()).toContain('cilium@1.14');
  });

  it('rejects an unknown profile or version, listing the known names', () => {
    expect(findProfile('cilium@0.9')).toBeUndefined();
    expect(() => resolveProfile('canal')).toThrow(ReachError);
    expect(() => resolveProfile('canal')).toThrow(/known: spec, /);
  });

  it('every knob a profile sets has a source, and unverified ones say so', () => {
    for (const p of PROFILES) {
      for (const knob of Object.keys(p.knobs)) {
        const source = resolveProfile(p.name).sources[knob as keyof typeof p.knobs];
        expect(source, `${p.name}.${knob}`).toBeDefined();
        if (source?.verified === false) expect(source.text).toMatch(/^unverified: /);
      }
    }
  });

  it('merges a profile with explicit options, which win', () => {
    expect(profileSemantics({ cni: 'cilium' })).toEqual({
      cni: 'cilium',
      ipBlockMatchesPods: false,
      hostNetworkPods: 'node',
    });
    expect(profileSemantics({ cni: 'cilium', ipBlockMatchesPods: true }).ipBlockMatchesPods).toBe(
      true,
    );
    expect(knobsOf({ cni: 'azure-npm', endPort: 'supported' }).endPort).toBe('supported');
    expect(knobsOf({ hostNetworkPods: 'pods' }).hostNetworkSubjects).toBe(true);
    expect(profileSemantics()).toEqual({ ipBlockMatchesPods: true, hostNetworkPods: 'node' });
  });
});
