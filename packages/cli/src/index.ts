export type {
  EndpointOptions,
  ManifestOptions,
  MatchMode,
  OutputFormat,
  PortArg,
} from './command.js';
export { API_VERSION, ExitCode } from './command.js';
export type {
  Command,
  CompletionCommand,
  PeersCommand,
  PeersFormat,
  QueryCommand,
  TestCommand,
  TestFormat,
  ValidateCommand,
  VersionCommand,
} from './commands/index.js';
export type { DirEntry, Io, PathKind } from './io.js';
export type { MainOptions } from './main.js';
export { main } from './main.js';
export type { NodeStreams } from './node-io.js';
export { createNodeIo } from './node-io.js';
export type { ParseArgvOptions, ParsedArgv } from './parse-argv.js';
export { parseArgv } from './parse-argv.js';
export { run } from './run.js';
