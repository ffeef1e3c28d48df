import { Inputs } from '../constants.js'
import { engineFacts } from '../engines/catalog.js'
import { parseDumpArgs, type DumpOptions } from './dump-args.js'
import type { DatabaseConfig, RawInputs } from './types.js'
import { splitList } from './lists.js'

interface Issue {
  input: string
  message: string
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

/** A table as the engine's tool names it (its facts' rule: MySQL's `db.tbl` is checked against db-name). */
function tableName(database: DatabaseConfig, entry: string): { name: string } | { problem: string } {
  if (CONTROL.test(entry)) return { problem: `"${JSON.stringify(entry).slice(1, -1)}" holds a control character` }
  // The tools take the names after an option (--table=) or after "--", but a name that reads as an
  // option is a mistake (or worse) however it would be passed.
  if (entry.startsWith('-')) return { problem: `"${entry}" starts with "-": a table name never does; it reads as an option` }
  return engineFacts(database.type).tables.name?.(entry, database.name) ?? { name: entry }
}

/** The tables, exclusions and extra arguments of the dump, or the issues with them. */
export function parseDumpOptions(raw: RawInputs, database: DatabaseConfig, issues: Issue[]): DumpOptions {
  const options: DumpOptions = { tables: [], excludeTables: [], args: [] }
  const rules = engineFacts(database.type).tables
  for (const [input, key] of [[Inputs.Tables, 'tables'], [Inputs.ExcludeTables, 'excludeTables']] as const) {
    const entries = splitList(raw[input] ?? '')
    if (entries.length === 0) continue
    if (rules.unsupported) {
      issues.push({ input, message: `is not supported for ${database.type}: ${rules.unsupported}` })
      continue
    }
    if (rules.needsDatabaseName && !database.name) {
      issues.push({ input, message: rules.needsDatabaseName })
      continue
    }
    for (const entry of entries) {
      const table = tableName(database, entry)
      if ('problem' in table) issues.push({ input, message: table.problem })
      else options[key].push(table.name)
    }
  }
  const both = options.tables.filter((table) => options.excludeTables.includes(table))
  if (both.length > 0) issues.push({ input: Inputs.ExcludeTables, message: `names ${both.map((table) => `"${table}"`).join(', ')}, which tables also names: list each table in one of the two` })
  const choice = rules.choice?.(options.tables, options.excludeTables)
  if (choice) issues.push(choice)
  const parsed = parseDumpArgs(database.type, raw[Inputs.DumpArgs] ?? '')
  if ('problem' in parsed) issues.push({ input: Inputs.DumpArgs, message: parsed.problem })
  else options.args = parsed.args
  return options
}
