import type { Definer } from './definers.js'
import type { Token } from './dump-tokens.js'

/** The DEFINER clause of a view, routine, trigger or event the dump creates, read as the confinement scan passes it. */

/** Kinds of object that may run as their invoker (SQL SECURITY INVOKER): then their definer is not used. */
const INVOKER_KINDS = new Set(['VIEW', 'PROCEDURE', 'FUNCTION', 'PACKAGE'])

export interface Defined {
  kind: string
  definer: Definer
  name?: string
  /** After `db.`: the name is the next part. */
  dot: boolean
  /** Past the name. */
  named: boolean
  /** SQL SECURITY INVOKER: runs as whoever uses it, whatever its definer. */
  invoker: boolean
}

/**
 * CREATE or ALTER of a view, routine, trigger or event: its DEFINER, from the head (`DEFINER =
 * user[@host]` among the modifiers, as the tools write it inside one or more executable
 * comments). CURRENT_USER is whoever restores, an account that exists.
 */
export function definedIn(head: Token[], kind: string): Defined | undefined {
  const at = head.findIndex((token, index) => token.kind === 'word' && token.text === 'DEFINER' && head[index + 1]?.text === '=')
  if (at < 0) return undefined
  const [user, host] = [head[at + 2], head[at + 3]]
  if (!user || (user.kind !== 'ident' && user.kind !== 'string' && user.kind !== 'word')) return undefined
  if (user.kind === 'word' && (user.text === 'CURRENT_USER' || user.text === 'CURRENT_ROLE')) return undefined
  const invoker = INVOKER_KINDS.has(kind) && head.some((token, index) => token.text === 'SQL' && head[index + 1]?.text === 'SECURITY' && head[index + 2]?.text === 'INVOKER')
  const definer = { user: user.raw, host: host?.kind === 'var' && host.raw.startsWith('@') ? host.raw.slice(1) : '' }
  return { kind, definer, dot: false, named: false, invoker }
}

/** The tokens after the kind: the object's name (`name`, `db`.`name`), and a routine's SQL SECURITY INVOKER. */
export function followDefined(defined: Defined, token: Token, previous: Token[]): void {
  const [before, beforeThat] = [previous[previous.length - 1], previous[previous.length - 2]]
  if (token.text === 'INVOKER' && before?.text === 'SECURITY' && beforeThat?.text === 'SQL' && INVOKER_KINDS.has(defined.kind)) defined.invoker = true
  if (defined.named) return
  const isName = token.kind === 'ident' || token.kind === 'word'
  if (defined.name === undefined) {
    if (token.kind === 'word' && (token.text === 'IF' || token.text === 'NOT' || token.text === 'EXISTS')) return
    if (token.kind === 'word' && token.text === 'BODY' && defined.kind === 'PACKAGE') defined.kind = 'PACKAGE BODY'
    else if (isName) defined.name = token.raw
    else defined.named = true
    return
  }
  if (token.text === '.' && !defined.dot) {
    defined.dot = true
    return
  }
  if (defined.dot && isName) defined.name = token.raw
  defined.named = true
}
