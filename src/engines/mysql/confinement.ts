import { definedIn, followDefined, type Defined } from './definer-clause.js'
import { definerText, DefinerUses } from './definers.js'
import { MysqlDumpLexer } from './dump-lexer.js'
import type { StatementText } from '../shared/confinement.js'
import type { SqlMode, Token } from './dump-tokens.js'
import {
  BODY_KINDS,
  CREATE_MODIFIERS,
  FORBIDDEN_PAIRS,
  FORBIDDEN_WORDS,
  HEADS,
  LITERAL_WORDS,
  OBJECT_KINDS,
  SEQUENCE_FUNCTIONS,
  SERVER_KINDS,
  SET_WORDS,
  TABLE_LIST_ENDS,
  TABLE_LIST_STARTS,
  TABLE_POSITIONS
} from './dump-words.js'
import { SessionSettings, type SetStatement } from './session-settings.js'

/**
 * Reads a MySQL/MariaDB dump as the server and the client would, before any of it runs, and
 * refuses one that would act outside the target database; it reads through the streaming lexer
 * of dump-lexer.ts. The rules (docs/restore.md, "Confinement"):
 *
 * - a name qualified by a database (`other`.`t`, other.t, a.b.c) must be qualified by the target;
 *   outside view, trigger, routine and event bodies every `a.b` is such a name (a dump writes none
 *   there), inside them an `a.b` counts where a table, routine or sequence is named (after FROM,
 *   JOIN, INTO, UPDATE, TABLE, CALL, …, a trigger's ON, or before a `(`), as `t.col` is a column;
 * - a statement starts with what a dump tool writes (SET, DROP, CREATE, ALTER, LOCK, UNLOCK, INSERT,
 *   REPLACE, DO, SELECT, transactions) and creates, alters or drops only tables, views, triggers,
 *   routines, events, sequences and indexes; ALTER DATABASE only of the target;
 * - nowhere: USE of another database, CREATE/DROP DATABASE, users, roles, GRANT/REVOKE, SET
 *   GLOBAL/PERSIST/PASSWORD/ROLE, replication and server commands, files (INTO OUTFILE, LOAD DATA,
 *   LOAD_FILE), plugins and UDFs (SONAME), dynamic SQL (PREPARE/EXECUTE), client commands (`\!`,
 *   `\C`, `system`, `source`, `connect`, …: only DELIMITER and mariadb-dump's sandbox line);
 * - what changes how the rest is read is followed or refused: `SET sql_mode` (ANSI_QUOTES,
 *   NO_BACKSLASH_ESCAPES) and the client character set (only ASCII-safe ones: a multi-byte set such
 *   as GBK could hide a quote inside a character).
 *
 * On the way it collects the DEFINER of each view, routine, trigger and event it creates
 * (`definers`), for the restore to ask the target whether those accounts exist.
 */

/** The statement being read: enough of its head to classify it, and a quote for errors. */
interface Statement extends StatementText, SetStatement {
  head: Token[]
  body: boolean
  kindKnown: boolean
  isSet: boolean
  /** Past the VALUES of a top-level INSERT or REPLACE. */
  values?: boolean
  /** A view, routine, trigger or event created with a DEFINER: its name is read as it follows. */
  defined?: Defined
}

export class MysqlDumpScanner extends MysqlDumpLexer<Statement> {
  /** The DEFINERs of the dump's views, routines, triggers and events, with their objects. */
  readonly definers = new DefinerUses()
  private readonly settings = new SessionSettings()
  private chain: { names: string[]; afterDot: boolean; tablePosition: boolean; line: number } | undefined
  private tableList = false
  private pendingCheck: ((next: Token | undefined) => void) | undefined

  /** `target`: the database the dump is restored into. */
  constructor(target: string) {
    super(target)
  }

  protected newStatement(line: number): Statement {
    return { line, quote: [], tokens: 0, head: [], body: false, kindKnown: false, isSet: false, assignments: [], depth: 0 }
  }

  protected inName(): boolean {
    return this.chain !== undefined
  }

  protected sqlMode(): SqlMode {
    return this.settings.mode
  }

  protected endStatement(): void {
    this.endChain(undefined)
    this.runPending(undefined)
    const statement = this.statement
    if (statement && statement.isSet) this.settings.apply(statement, (why) => this.fail(statement.line, why))
    const defined = statement?.defined
    if (defined && !defined.invoker) this.definers.add(defined.definer, { kind: defined.kind.toLowerCase(), name: defined.name ?? '(unnamed)' })
    this.statement = undefined
    this.previous = []
    this.tableList = false
  }

  private runPending(next: Token | undefined): void {
    const check = this.pendingCheck
    this.pendingCheck = undefined
    check?.(next)
  }

  /** Every token of code, in order: the statement's rules are applied as it streams past. */
  protected token(token: Token): void {
    const statement = this.statement
    if (!statement) return
    statement.tokens++
    // The rows of an extended INSERT: literals and punctuation, which no rule is about.
    if (statement.values && this.isLiteral(token)) {
      // Still followed as names: x.f( is a routine of the database x even among values.
      this.followNames(token)
      return
    }
    this.runPending(token)
    // The specific refusals first: they say more than "starts with …".
    this.checkForbidden(token)
    if (statement.tokens === 1) this.checkHead(token)
    else if (!statement.kindKnown) this.classify(token)
    else if (statement.defined) followDefined(statement.defined, token, this.previous)
    this.followNames(token)
    if (statement.isSet && !statement.body) this.settings.follow(statement, token)
    else this.settings.forget(token)
    if (token.kind === 'word' && (token.text === 'VALUES' || token.text === 'VALUE') && !statement.body && ['INSERT', 'REPLACE'].includes(statement.head[0]?.text)) {
      statement.values = true
    }
    if (token.kind === 'word') {
      if (TABLE_LIST_STARTS.has(token.text)) this.tableList = true
      else if (TABLE_LIST_ENDS.has(token.text)) this.tableList = false
    }
    this.previous.push(token)
    if (this.previous.length > 3) this.previous.shift()
  }

  private isLiteral(token: Token): boolean {
    if (token.kind === 'string' || token.kind === 'number') return true
    if (token.kind === 'punct') return token.text === '(' || token.text === ')' || token.text === ',' || token.text === '-' || token.text === '+'
    return token.kind === 'word' && LITERAL_WORDS.test(token.text)
  }

  private checkHead(token: Token): void {
    const statement = this.statement as Statement
    statement.head.push(token)
    if (token.kind !== 'word' || !HEADS.has(token.text)) {
      const what = token.kind === 'word' ? token.text : token.text.slice(0, 20)
      this.fail(token.line, `starts with ${what}, which a dump of one database does not run`)
    }
    statement.isSet = token.text === 'SET'
    statement.kindKnown = !['CREATE', 'ALTER', 'DROP', 'START', 'LOCK', 'UNLOCK'].includes(token.text)
  }

  /** CREATE/ALTER/DROP …: the kind of object, past OR REPLACE, ALGORITHM=…, DEFINER=…, SQL SECURITY …, IF [NOT] EXISTS. */
  private classify(token: Token): void {
    const statement = this.statement as Statement
    const verb = statement.head[0].text
    statement.head.push(token)
    if (verb === 'START') {
      if (token.text !== 'TRANSACTION') this.fail(token.line, `starts with START ${token.text}, which a dump of one database does not run`)
      statement.kindKnown = true
      return
    }
    if (verb === 'LOCK' || verb === 'UNLOCK') {
      if (token.text !== 'TABLES' && token.text !== 'TABLE') this.fail(token.line, `is ${verb} ${token.text}, which a dump of one database does not run`)
      statement.kindKnown = true
      return
    }
    if (token.kind !== 'word' || CREATE_MODIFIERS.has(token.text)) return
    // `DEFINER = app@host`: a bare user name, not the kind of object.
    const [equals, definer] = [statement.head[statement.head.length - 2], statement.head[statement.head.length - 3]]
    if (equals?.text === '=' && definer?.kind === 'word' && definer.text === 'DEFINER') return
    if (statement.head.length > 24) this.fail(token.line, `is a ${verb} of nothing the scan knows`)
    if (OBJECT_KINDS.has(token.text) || BODY_KINDS.has(token.text)) {
      statement.kindKnown = true
      statement.body = BODY_KINDS.has(token.text) && verb !== 'DROP'
      if (statement.body) statement.defined = definedIn(statement.head, token.text)
      return
    }
    // Refused, or for ALTER DATABASE checked to name the target, by checkForbidden.
    if (SERVER_KINDS.has(token.text)) {
      statement.kindKnown = verb === 'ALTER' && (token.text === 'DATABASE' || token.text === 'SCHEMA')
      return
    }
    this.fail(token.line, `is ${verb} ${token.text}, which a dump of one database does not run`)
  }

  private checkForbidden(token: Token): void {
    if (token.kind === 'var' && /^@@(?:GLOBAL|PERSIST|PERSIST_ONLY)\./.test(token.text)) {
      const before = this.previous[this.previous.length - 1]
      if (before && (before.text === 'SET' || before.text === ',')) this.fail(token.line, `sets ${token.text}, a server-wide setting`)
    }
    if (token.kind !== 'word' && token.text !== ',') return
    const forbidden = FORBIDDEN_WORDS.get(token.text)
    if (token.kind === 'word' && forbidden) this.fail(token.line, `${forbidden} (${token.text})`)
    const before = this.previous[this.previous.length - 1]
    const beforeThat = this.previous[this.previous.length - 2]
    if (before) {
      const pair = before.kind === 'word' ? FORBIDDEN_PAIRS.get(`${before.text} ${token.text}`) : undefined
      if (pair) this.fail(token.line, `${pair} (${before.text} ${token.text})`)
      const setWord = token.kind === 'word' && (before.text === 'SET' || before.text === ',') ? SET_WORDS.get(token.text) : undefined
      if (setWord) {
        // `SET password = …` assigns a column or a routine's variable of that name.
        this.pendingCheck = (next) => {
          if (!next || (next.text !== '=' && next.text !== ':' && next.text !== '.')) this.fail(token.line, `${setWord} (SET ${token.text})`)
        }
      }
    }
    if (token.kind !== 'word') return
    const verbBefore =
      before && before.kind === 'word' && ['CREATE', 'DROP', 'ALTER', 'RENAME'].includes(before.text)
        ? before.text
        : before?.text === 'REPLACE' && beforeThat?.text === 'OR'
          ? 'CREATE'
          : undefined
    if (verbBefore && SERVER_KINDS.has(token.text)) {
      if (verbBefore === 'ALTER' && (token.text === 'DATABASE' || token.text === 'SCHEMA')) {
        // ALTER DATABASE CHARACTER SET … is of the current database, the target.
        this.pendingCheck = (next) => {
          if (!next || (next.kind === 'word' && ['CHARACTER', 'CHARSET', 'DEFAULT', 'COLLATE', 'COMMENT'].includes(next.text))) return
          if (next.raw !== this.target) this.fail(next.line, `alters the database \`${next.raw}\``)
        }
        return
      }
      this.fail(token.line, `${verbBefore === 'ALTER' ? 'alters' : verbBefore === 'DROP' ? 'drops' : verbBefore === 'RENAME' ? 'renames' : 'creates'} a ${token.text.toLowerCase()}`)
    }
    if (token.text === 'USE') {
      this.pendingCheck = (next) => {
        if (!next || (next.kind === 'word' && (next.text === 'INDEX' || next.text === 'KEY'))) return
        if (next.raw !== this.target || (next.kind !== 'word' && next.kind !== 'ident')) this.fail(next.line, `switches to the database \`${next.raw}\``)
      }
    }
  }

  /** Follows `a.b` and `a.b.c` chains and judges each when it ends. */
  private followNames(token: Token): void {
    const isName = token.kind === 'ident' || token.kind === 'word'
    const chain = this.chain
    if (chain && chain.afterDot) {
      if (isName) {
        chain.names.push(token.raw)
        chain.afterDot = false
        return
      }
      // `a.*` (a table's every column, or GRANT ON db.*) ends the chain as a two-part name.
      if (token.text === '*') chain.names.push('*')
      chain.afterDot = false
    } else if (chain && token.text === '.') {
      chain.afterDot = true
      return
    }
    if (chain) this.endChain(token)
    if (isName) {
      this.chain = { names: [token.raw], afterDot: false, tablePosition: this.tablePosition(), line: token.line }
    }
  }

  private tablePosition(): boolean {
    const [second, first] = [this.previous[this.previous.length - 2], this.previous[this.previous.length - 1]]
    if (!first) return false
    if (first.kind === 'word' && TABLE_POSITIONS.has(first.text)) return true
    if (first.kind === 'word' && first.text === 'ON') return second?.kind === 'word' && ['INSERT', 'UPDATE', 'DELETE'].includes(second.text)
    if (first.text === '(' && second?.kind === 'word') return TABLE_POSITIONS.has(second.text) || SEQUENCE_FUNCTIONS.has(second.text)
    return first.text === ',' && this.tableList
  }

  private endChain(next: Token | undefined): void {
    const chain = this.chain
    this.chain = undefined
    if (!chain || chain.names.length < 2) return
    const statement = this.statement
    const qualifier = chain.names[0]
    const databaseNamed = chain.names.length >= 3 || !statement?.body || chain.tablePosition || next?.text === '('
    if (!databaseNamed || this.sameAsTarget(qualifier)) return
    const named = `names the database \`${qualifier}\` (${chain.names.map((name) => `\`${name}\``).join('.')})`
    const view = statement?.defined?.kind === 'VIEW' && !statement.defined.invoker ? statement.defined : undefined
    // MariaDB's SHOW CREATE VIEW, which the dump tools copy, qualifies every column by the view's
    // database when it cannot run the view as its definer (no such account, or one without SELECT
    // on what the view reads): such a view loads into a database of its source's name only
    // (elsewhere the server refuses it too, error 1054).
    if (view) {
      this.fail(
        chain.line,
        `${named}, in the view \`${view.name ?? '?'}\` that runs as DEFINER ${definerText(view.definer)}: the dump tool writes a view's columns qualified by its database ` +
          `where the server it was dumped from could not run it as its definer (the account missing there, or without the privileges the view needs), so this dump loads only into a database named \`${qualifier}\` ` +
          `(on that server, create the account or grant it what the view reads, or give the view a definer that can with ALTER DEFINER = … VIEW, and back up again)`
      )
    }
    this.fail(chain.line, named)
  }

  private sameAsTarget(name: string): boolean {
    return name === this.target
  }
}

/** Scans a whole dump given as bytes (tests, small files). */
export function scanMysqlDump(target: string, chunks: Iterable<Buffer>): void {
  const scanner = new MysqlDumpScanner(target)
  for (const chunk of chunks) scanner.push(chunk)
  scanner.finish()
}
