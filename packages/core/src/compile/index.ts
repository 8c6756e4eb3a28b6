export { AllowedRows, EAGER_ROW_BUDGET } from './allowed-rows.js';
export type { CompiledCluster, DirectionRules } from './compiled-cluster.js';
export { compileCluster } from './compiled-cluster.js';
export type { PodClasses } from './pod-classes.js';
export type { PeerIR, PolicyIR, PortIR, RuleIR } from './policy-ir.js';
export { normalizePolicy } from './policy-ir.js';
export type { PortClasses } from './port-classes.js';
