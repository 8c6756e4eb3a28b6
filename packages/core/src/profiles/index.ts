export { adminApplies, applyProfile, NO_PEER } from './apply-profile.js';
export type { KnobSource, Profile, ProfileVersion } from './catalog.js';
export { PROFILES } from './catalog.js';
export type { FeatureUse } from './features.js';
export { unsupportedFeatures } from './features.js';
export type { KnobName, Knobs } from './knobs.js';
export { formatKnob, KNOB_DESCRIPTIONS, KNOB_NAMES, KNOB_VALUES, SPEC_KNOBS } from './knobs.js';
export type { ResolvedProfile } from './resolve.js';
export {
  findProfile,
  knobsOf,
  profileNames,
  profileSemantics,
  resolveProfile,
} from './resolve.js';
