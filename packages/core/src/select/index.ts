export { compileSelector } from './compile-selector.js';
export { LabelIndex } from './label-index.js';
export { isEmptySelector, matchesLabels, matchesRequirement } from './matches-labels.js';
