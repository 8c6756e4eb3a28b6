export type { AddressAtom, AddressSample } from './address-samples.js';
export { isAddressIn, NON_PUBLIC_IPV4_CIDRS, sampleAddresses } from './address-samples.js';
export { editDistance, suggestionLimit } from './close-matches.js';
export type { HypotheticalPod } from './hypothetical-pods.js';
export {
  hypotheticalPod,
  hypotheticalPodsOf,
  withHypotheticalPods,
} from './hypothetical-pods.js';
export type {
  EndpointResource,
  EndpointSpec,
  LabelsEndpointSpec,
  NodeEndpointSpec,
  ObjectEndpointSpec,
  ParseEndpointResult,
} from './parse-endpoint.js';
export {
  formatEndpointSpec,
  formatLabelsText,
  parseEndpoint,
  parseEndpointKind,
} from './parse-endpoint.js';
export type { ParsePortResult, PortQuery } from './parse-port.js';
export { formatPortQuery, parsePortQuery } from './parse-port.js';
export type { ParseSelectorResult } from './parse-selector.js';
export { formatLabelSelector, matchesLabelSelector, parseLabelSelector } from './parse-selector.js';
export { pairWord, query } from './query.js';
export type { QueryLinesOptions } from './query-lines.js';
export { queryLines, queryNotes } from './query-lines.js';
export type {
  MatchMode,
  PairResult,
  PairState,
  QueryOptions,
  QueryOutcome,
  QueryResult,
  ServiceHop,
} from './query-types.js';
export { resolveEndpoint } from './resolve-endpoint.js';
export type {
  EndpointIssue,
  EndpointIssueCode,
  EndpointKind,
  EndpointResolution,
  EndpointTarget,
  ResolvedEndpoint,
  ResolveOptions,
} from './resolved-endpoint.js';
export { findServicePort, serviceBackends, serviceTargetPort } from './services.js';
