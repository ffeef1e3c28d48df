/**
 * How an engine's dump tool reads its command line, for the `dump-args` check
 * (config/dump-args.ts): each engine's facts carry its tool's syntax and what it refuses, and
 * the one parser reads them. Pure data, like the facts.
 */

/** Refused when turned on (`--xml`), turned off (`--skip-comments`, `--comments=0`), or whatever its value. */
export type Refused = 'always' | 'on' | 'off'

export interface OptionRule {
  /** Long names, without the dashes. */
  long: string[]
  /** Short option letters. */
  short?: string
  reason: string
  when?: Refused
}

export interface ToolSyntax {
  tool: string
  /** Whether the tool takes an unambiguous prefix of a long option for the option. */
  abbreviations: boolean
  caseInsensitive?: boolean
  /** Long options that take the next argument as their value when not written `--opt=value`. */
  longValues: readonly string[]
  /** Short options that take a value: the rest of the word, else the next argument. */
  shortValues: string
  /** Short options whose value can only be attached (`-pSECRET`); alone they take none. */
  shortAttachedValues?: string
  /** MySQL's option prefixes: the name of the option and whether it is switched off. */
  prefixes?: boolean
  rules: OptionRule[]
}

export const PRINTS = 'prints and exits without dumping'
export const CONNECTION = 'the action connects with db-host, db-port, db-user and db-name (or db-url): this would contradict them'
export const PASSWORD = 'a password never goes on a command line: give it in db-password (or db-url), which the action passes through the environment or a private file'
