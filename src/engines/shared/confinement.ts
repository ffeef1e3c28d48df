/**
 * What the restores share to keep a backup inside its target: the error that names the offending
 * statement and where it is, so that a refused backup says what to look at.
 */

/** The most of a statement an error quotes. */
export const QUOTE_CHARS = 80
/** Of a statement, the first bytes a lexer keeps to quote it (quoteStatement cuts them to QUOTE_CHARS). */
export const QUOTE_BYTES = 120

/** The statement being read, as far as the lexer keeps it: where it starts, its first bytes (to quote), its tokens so far. */
export interface StatementText {
  line: number
  quote: number[]
  tokens: number
}

/** A backup that would act outside the target; raised before anything is run. */
export class ConfinementError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfinementError'
  }
}

/** A short, one-line quote of a statement for an error message. */
export function quoteStatement(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > QUOTE_CHARS ? `${oneLine.slice(0, QUOTE_CHARS)}…` : oneLine
}

/** The message of a refused backup: what it would do, where, and that nothing was run. */
export function refusal(target: string, line: number, statement: string, why: string): ConfinementError {
  return new ConfinementError(
    `the backup would act outside the target ${target}: line ${line}: "${quoteStatement(statement)}" ${why}; nothing was restored ` +
      '(a restore touches only its target: restore this backup by hand if it is yours)'
  )
}
