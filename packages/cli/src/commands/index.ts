import type { CompletionCommand } from './completion.js';
import { completionCommand } from './completion.js';
import type { CommandDefinition } from './define-command.js';
import type { DiffCommand } from './diff.js';
import { diffCommand } from './diff.js';
import type { LateralCommand } from './lateral.js';
import { blastRadiusCommand, exposureCommand, pathCommand, segmentsCommand } from './lateral.js';
import type { LintCommand } from './lint.js';
import { lintCommand } from './lint.js';
import type { MatrixCommand } from './matrix.js';
import { matrixCommand } from './matrix.js';
import type { PeersCommand } from './peers.js';
import { reachableFromCommand, whoCanReachCommand } from './peers.js';
import type { ProfilesCommand } from './profiles.js';
import { profilesCommand } from './profiles.js';
import type { QueryCommand } from './query.js';
import { queryCommand } from './query.js';
import type { TestCommand } from './test.js';
import { testCommand } from './test.js';
import type { ValidateCommand } from './validate.js';
import { validateCommand } from './validate.js';
import type { VersionCommand } from './version.js';
import { versionCommand } from './version.js';

export type { CompletionCommand } from './completion.js';
export type { CommandDefinition } from './define-command.js';
export type { DiffCommand } from './diff.js';
export type { DiffFormat } from './diff-output.js';
export type { LateralCommand } from './lateral.js';
export type { LateralFormat } from './lateral-output.js';
export type { LintCommand, LintFormat } from './lint.js';
export type { MatrixCommand, MatrixFormat } from './matrix.js';
export type { PeersCommand } from './peers.js';
export type { PeersFormat } from './peers-output.js';
export type { ProfilesCommand } from './profiles.js';
export type { QueryCommand } from './query.js';
export type { TestCommand, TestFormat } from './test.js';
export type { ValidateCommand } from './validate.js';
export type { VersionCommand } from './version.js';

/** A fully parsed command line, ready to run. */
export type Command =
  | QueryCommand
  | PeersCommand
  | TestCommand
  | MatrixCommand
  | ValidateCommand
  | VersionCommand
  | CompletionCommand
  | LintCommand
  | DiffCommand
  | LateralCommand
  | ProfilesCommand;

/** Every command of `reach`, in the order `reach --help` lists them. */
export const COMMANDS: readonly CommandDefinition<Command>[] = [
  queryCommand,
  whoCanReachCommand,
  reachableFromCommand,
  testCommand,
  matrixCommand,
  validateCommand,
  versionCommand,
  lintCommand,
  diffCommand,
  pathCommand,
  blastRadiusCommand,
  exposureCommand,
  segmentsCommand,
  profilesCommand,
  completionCommand,
];
