import type { DatabaseConfig } from '../../config/types.js'
import { describeFailure, type ToolResult } from '../../util/process.js'

/** What an engine makes of a tool's stderr: the likely cause (a wrong password, an unknown host), or undefined. */
export type ExplainFailure = (stderr: string, database: DatabaseConfig) => string | undefined

/** A failed tool run as an error, in an engine's words. */
export type Failure = (what: string, result: ToolResult, database: DatabaseConfig, timeoutMs: number) => Error

/** A failed tool run as an error: describeFailure's message, led by what `explain` makes of its stderr where it makes something of it. */
export function failureExplainedBy(explain: ExplainFailure): Failure {
  return (what, result, database, timeoutMs) => {
    const described = describeFailure(what, result, timeoutMs)
    const explanation = result.timedOut ? undefined : explain(result.stderr, database)
    return new Error(explanation ? `${explanation}: ${described}` : described)
  }
}
