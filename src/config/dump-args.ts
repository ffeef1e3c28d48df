import { split } from 'shlex'
import { engineFacts, type DbType } from '../engines/catalog.js'
import type { OptionRule, ToolSyntax } from '../engines/shared/dump-arg-syntax.js'

/**
 * What the `dump-args` input may hand to each dump tool, read as the tool reads its command line,
 * so that no spelling gets past the check: `--opt=value`, `--opt value`, short options alone,
 * bundled (`-vx`) or with their value attached (`-tfoo`), unambiguous prefixes of long options
 * (pg_dump's getopt_long and MySQL's my_getopt take `--fil` for `--file`), and MySQL's
 * `--loose-`, `--skip-`, `--disable-`, `--enable-`, `--maximum-` and `_` spellings. Refused are
 * the options that would defeat the action: an output of their own, the format and compression it
 * sets, passwords (which travel in the environment or an option file), the connection it makes,
 * the tables it chooses from the tables and exclude-tables inputs, and anything that prints
 * instead of dumping. Pure: validate-config uses it before anything runs.
 */

/** The tables and exclusions of the inputs, and the checked dump-args, as the engine applies them. */
export interface DumpOptions {
  /** Only these tables (collections): patterns for PostgreSQL, names for the others. */
  tables: string[]
  excludeTables: string[]
  /** Extra arguments of the dump tool, checked. */
  args: string[]
}

export const NO_DUMP_OPTIONS: DumpOptions = { tables: [], excludeTables: [], args: [] }

const OFF_VALUES = new Set(['0', 'false', 'off', 'no'])
const ORDINALS = ['first', 'second', 'third']
const ordinal = (index: number): string => ORDINALS[index] ?? `${index + 1}th`

/** MySQL's spelling of a long option: `_` as `-`, and the prefixes that change its meaning. */
function mysqlName(name: string): { name: string; negated: boolean } {
  let rest = name.replace(/_/g, '-').replace(/^loose-/, '')
  let negated = false
  const prefix = /^(skip|disable|enable|maximum)-/.exec(rest)
  if (prefix) {
    negated = prefix[1] === 'skip' || prefix[1] === 'disable'
    rest = rest.slice(prefix[0].length)
  }
  return { name: rest, negated }
}

/** Whether what was written names `option`: the name itself, or, where the tool takes them, a prefix of it. */
function names(syntax: ToolSyntax, written: string, option: string): boolean {
  const [a, b] = syntax.caseInsensitive ? [written.toLowerCase(), option.toLowerCase()] : [written, option]
  return a === b || (syntax.abbreviations && a.length > 0 && b.startsWith(a))
}

/** The long option that takes a value that `written` stands for, if exactly one. */
function valueOption(syntax: ToolSyntax, written: string): string | undefined {
  const exact = syntax.longValues.find((option) => (syntax.caseInsensitive ? option.toLowerCase() === written.toLowerCase() : option === written))
  if (exact) return exact
  const matches = syntax.abbreviations ? syntax.longValues.filter((option) => names(syntax, written, option)) : []
  return matches.length === 1 ? matches[0] : undefined
}

function refusedLong(syntax: ToolSyntax, written: string, value: string | undefined, negated: boolean): OptionRule | undefined {
  const off = negated || (value !== undefined && OFF_VALUES.has(value.toLowerCase()))
  return syntax.rules.find((rule) => {
    if (!rule.long.some((option) => names(syntax, written, option))) return false
    return (rule.when ?? 'always') === 'always' || (rule.when === 'off') === off
  })
}

const refusal = (shown: string, rule: OptionRule, tool: string): string => `${shown} is refused for ${tool}: ${rule.reason}`

/**
 * The arguments of `dump-args` for `type`'s dump tool, or why they cannot be used. A refused
 * option is named without its value, which may be a password.
 */
export function parseDumpArgs(type: DbType, text: string): { args: string[] } | { problem: string } {
  if (text.trim() === '') return { args: [] }
  const syntax = engineFacts(type).dumpArgs
  if ('unsupported' in syntax) return { problem: `is not supported for ${type}: ${syntax.unsupported}` }
  let args: string[]
  try {
    args = split(text)
  } catch {
    return { problem: 'has a quote that is not closed (arguments are split as a shell would split them, without running one; the value is not shown)' }
  }
  for (let index = 0; index < args.length; index++) {
    const word = args[index]
    const positional = (): { problem: string } => ({
      problem:
        `the ${ordinal(index)} argument is not an option (the value is not shown): dump-args takes options only, each option's value written ` +
        `--option=value${syntax.longValues.length ? ' or as the next argument of an option that takes one' : ''}; the action names the database, and the tables input chooses tables`
    })
    if (word === '--') return { problem: `"--" is refused for ${syntax.tool}: it would end the options before the ones the action adds` }
    if (word.startsWith('--')) {
      const [written, ...valueParts] = word.slice(2).split('=')
      const value = valueParts.length > 0 ? valueParts.join('=') : undefined
      const { name, negated } = syntax.prefixes ? mysqlName(written) : { name: written, negated: false }
      const rule = refusedLong(syntax, name, value, negated)
      if (rule) return { problem: refusal(`--${written}`, rule, syntax.tool) }
      if (value === undefined && !negated && valueOption(syntax, name)) {
        if (index + 1 >= args.length) return { problem: `--${written} needs a value` }
        index++
      }
    } else if (word.startsWith('-') && word.length > 1) {
      for (let at = 1; at < word.length; at++) {
        const letter = word[at]
        const rule = syntax.rules.find((candidate) => candidate.short?.includes(letter) && (candidate.when ?? 'always') !== 'off')
        if (rule) return { problem: refusal(`-${letter}`, rule, syntax.tool) }
        if (syntax.shortAttachedValues?.includes(letter)) break
        if (syntax.shortValues.includes(letter)) {
          if (at === word.length - 1) {
            if (index + 1 >= args.length) return { problem: `-${letter} needs a value` }
            index++
          }
          break
        }
      }
    } else {
      return positional()
    }
  }
  return { args }
}
