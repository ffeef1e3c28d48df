import { Inputs } from '../constants.js'
import { parseDumpArgs, type DumpOptions } from './dump-args.js'
import type { DatabaseConfig, RawInputs } from './types.js'
import { splitList } from './lists.js'

interface Issue {
  input: string
  message: string
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

/** A table as the engine's tool names it; MySQL's `db.tbl` is checked against db-name, a bare name qualified with it. */
function tableName(database: DatabaseConfig, entry: string): { name: string } | { problem: string } {
  if (CONTROL.test(entry)) return { problem: `"${JSON.stringify(entry).slice(1, -1)}" holds a control character` }
  // The tools take the names after an option (--table=) or after "--", but a name that reads as an
  // option is a mistake (or worse) however it would be passed.
  if (entry.startsWith('-')) return { problem: `"${entry}" starts with "-": a table name never does; it reads as an option` }
  if (database.type !== 'mysql' && database.type !== 'mariadb') return { name: entry }
  if (/[*?%]/.test(entry)) return { problem: `"${entry}": mysqldump takes exact table names, not patterns` }
  const dot = entry.indexOf('.')
  if (dot === -1) return { name: entry }
  const [schema, table] = [entry.slice(0, dot), entry.slice(dot + 1)]
  if (schema !== database.name) return { problem: `"${entry}" is in database "${schema}", but the dump is of "${database.name}"` }
  return { name: table }
}

/** The tables, exclusions and extra arguments of the dump, or the issues with them. */
export function parseDumpOptions(raw: RawInputs, database: DatabaseConfig, issues: Issue[]): DumpOptions {
  const options: DumpOptions = { tables: [], excludeTables: [], args: [] }
  for (const [input, key] of [[Inputs.Tables, 'tables'], [Inputs.ExcludeTables, 'excludeTables']] as const) {
    const entries = splitList(raw[input] ?? '')
    if (entries.length === 0) continue
    if (database.type === 'redis') {
      issues.push({ input, message: 'is not supported for redis: a Redis backup is the whole RDB snapshot, which has no tables' })
      continue
    }
    if (database.type === 'mongodb' && !database.name) {
      issues.push({ input, message: 'needs db-name (or the database in db-url): mongodump chooses collections of one database' })
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
  if (database.type === 'mongodb') {
    if (options.tables.length > 1) {
      issues.push({ input: Inputs.Tables, message: 'names more than one collection: mongodump dumps one collection (--collection) or all of them; name one, or leave the others out with exclude-tables' })
    } else if (options.tables.length === 1 && options.excludeTables.length > 0) {
      issues.push({ input: Inputs.ExcludeTables, message: 'cannot be used with tables for mongodb: mongodump takes --collection or --excludeCollection, not both' })
    }
  }
  const parsed = parseDumpArgs(database.type, raw[Inputs.DumpArgs] ?? '')
  if ('problem' in parsed) issues.push({ input: Inputs.DumpArgs, message: parsed.problem })
  else options.args = parsed.args
  return options
}
