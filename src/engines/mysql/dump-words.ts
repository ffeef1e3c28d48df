/** What the MySQL confinement scan (confinement.ts) knows of the words of the statements a dump tool writes, and of those it must not run. */

/** What a dump tool writes at the start of a statement. */
export const HEADS = new Set(['SET', 'DROP', 'CREATE', 'ALTER', 'LOCK', 'UNLOCK', 'INSERT', 'REPLACE', 'DO', 'SELECT', 'COMMIT', 'START', 'BEGIN', 'ROLLBACK', 'USE'])
/** What CREATE, ALTER and DROP may act on: objects inside a database. */
export const OBJECT_KINDS = new Set(['TABLE', 'VIEW', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT', 'SEQUENCE', 'INDEX'])
/** Objects whose body is SQL of its own, with table.column names in it. */
export const BODY_KINDS = new Set(['VIEW', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT', 'PACKAGE'])
/** Words between CREATE and the kind of object (OR REPLACE, ALGORITHM=…, DEFINER=…, SQL SECURITY …). */
export const CREATE_MODIFIERS = new Set([
  'OR', 'REPLACE', 'ALGORITHM', 'UNDEFINED', 'MERGE', 'TEMPTABLE', 'DEFINER', 'CURRENT_USER', 'CURRENT_ROLE', 'SQL', 'SECURITY', 'INVOKER', 'AGGREGATE',
  'TEMPORARY', 'UNIQUE', 'FULLTEXT', 'SPATIAL', 'ONLINE', 'OFFLINE', 'IGNORE'
])
/** Kinds of server-wide objects: never created, altered, renamed or dropped by a restore. */
export const SERVER_KINDS = new Set(['DATABASE', 'SCHEMA', 'USER', 'ROLE', 'SERVER', 'TABLESPACE', 'LOGFILE', 'RESOURCE'])
/** Words that are a server or file operation wherever they stand. */
export const FORBIDDEN_WORDS = new Map([
  ['GRANT', 'grants privileges'],
  ['REVOKE', 'revokes privileges'],
  ['OUTFILE', 'writes a file on the server'],
  ['DUMPFILE', 'writes a file on the server'],
  ['LOAD_FILE', 'reads a file on the server'],
  ['SONAME', 'loads a shared library into the server'],
  ['INSTALL', 'installs a plugin'],
  ['UNINSTALL', 'removes a plugin'],
  ['SHUTDOWN', 'stops the server'],
  ['KILL', 'ends other sessions'],
  ['FLUSH', 'flushes server-wide state'],
  ['PURGE', 'purges the binary logs'],
  ['BINLOG', 'replays binary log events'],
  ['FEDERATED', 'stores a table on another server'],
  ['SPIDER', 'stores a table on another server'],
  ['CONNECTION', 'points a table at another server'],
  ['PREPARE', 'runs dynamic SQL, which can act on any database'],
  ['EXECUTE', 'runs dynamic SQL, which can act on any database']
])
/** Word pairs that are a server operation. */
export const FORBIDDEN_PAIRS = new Map([
  ['CHANGE MASTER', 'changes replication'],
  ['CHANGE REPLICATION', 'changes replication'],
  ['START SLAVE', 'starts replication'],
  ['START REPLICA', 'starts replication'],
  ['START ALL', 'starts replication'],
  ['STOP SLAVE', 'stops replication'],
  ['STOP REPLICA', 'stops replication'],
  ['STOP ALL', 'stops replication'],
  ['RESET MASTER', 'resets the binary logs'],
  ['RESET SLAVE', 'resets replication'],
  ['RESET REPLICA', 'resets replication'],
  ['RESET QUERY', 'resets the query cache'],
  ['LOAD DATA', 'reads a file'],
  ['LOAD XML', 'reads a file'],
  ['LOAD INDEX', 'loads a key cache'],
  ['DEFAULT ROLE', 'changes a default role']
])
/** Words after SET (or a comma of a SET) that are not an assignment to a variable or column of that name. */
export const SET_WORDS = new Map([
  ['GLOBAL', 'changes a server-wide setting'],
  ['PERSIST', 'changes a server-wide setting'],
  ['PERSIST_ONLY', 'changes a server-wide setting'],
  ['PASSWORD', 'changes a password'],
  ['ROLE', 'changes the session\'s role'],
  ['STATEMENT', 'runs a statement under other settings']
])
/** Where a two-part name in a body is a table (or routine, sequence) of a database. */
export const TABLE_POSITIONS = new Set([
  'FROM', 'JOIN', 'STRAIGHT_JOIN', 'INTO', 'UPDATE', 'TABLE', 'TABLES', 'REFERENCES', 'CALL', 'TRUNCATE', 'LIKE', 'TRIGGER', 'VIEW', 'PROCEDURE', 'FUNCTION',
  'EVENT', 'SEQUENCE', 'FOR', 'DATABASE', 'SCHEMA', 'EXISTS', 'TO', 'DESCRIBE', 'HANDLER'
])
export const SEQUENCE_FUNCTIONS = new Set(['NEXTVAL', 'LASTVAL', 'SETVAL'])
/** Words that start or end a list of tables. */
export const TABLE_LIST_STARTS = new Set(['FROM', 'UPDATE', 'TABLES', 'JOIN', 'STRAIGHT_JOIN'])
export const TABLE_LIST_ENDS = new Set(['WHERE', 'SET', 'ON', 'USING', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'WINDOW', 'UNION', 'VALUES', 'VALUE', 'SELECT', 'RETURNING', 'FOR'])
/** Words that are a value in a row: NULL, hex (0x…, X'…', B'…'), introducers, booleans, numbers with an exponent. */
export const LITERAL_WORDS = /^(?:NULL|TRUE|FALSE|DEFAULT|0X[0-9A-F]*|0B[01]*|X|B|N|_(?:BINARY|UTF8MB4|UTF8MB3|UTF8|LATIN1|ASCII)|\d+E\d*)$/
