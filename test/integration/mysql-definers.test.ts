import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../src/config/types.js'
import { DefinerUses, type Definer } from '../../src/engines/mysql/definers.js'
import { checkDefiners } from '../../src/engines/mysql/definer-check.js'
import { run } from '../support/run.js'
import { sqlString, startMariaDb, type MariaDbServer } from '../support/mariadb.js'

/** The definer check against a real MariaDB: it must call missing exactly the definers the server fails on (error 1449). */

let server: MariaDbServer
let database: DatabaseConfig
let workDir: string

beforeAll(async () => {
  server = await startMariaDb()
  await server.sql('mysql', 'CREATE DATABASE shop')
  database = { type: 'mariadb', host: server.host, port: server.port, name: 'shop', user: server.user, password: server.password, params: {}, urlProtocol: '' }
  workDir = await mkdtemp(join(tmpdir(), 'mysql-definers-'))
})

afterAll(async () => {
  await server?.stop()
})

const account = ({ user, host }: Definer): string => (host === '' ? sqlString(user) : `${sqlString(user)}@${sqlString(host)}`)

describe('MariaDB definers', () => {
  test('missing are exactly the definers the server refuses to run a view as: host patterns, masks, case, roles', async () => {
    await server.sql(
      'mysql',
      "CREATE USER 'app'@'%'; CREATE USER 'loc'@'localhost'; CREATE USER 'net'@'10.0.0.0/255.255.255.0'; CREATE USER 'esc'@'a\\\\_b'; CREATE USER 'blank'@''; CREATE ROLE r1"
    )
    const definers: Definer[] = [
      { user: 'app', host: 'localhost' },
      { user: 'app', host: '%' },
      { user: 'app', host: '10.1.2.3' },
      { user: 'APP', host: '%' },
      { user: 'loc', host: 'localhost' },
      { user: 'loc', host: 'LOCALHOST' },
      { user: 'loc', host: '%' },
      { user: 'loc', host: '127.0.0.1' },
      { user: 'net', host: '10.0.0.9' },
      { user: 'net', host: '10.0.1.9' },
      { user: 'esc', host: 'a_b' },
      { user: 'esc', host: 'axb' },
      { user: 'blank', host: 'anywhere' },
      { user: 'r1', host: '' },
      { user: 'r1', host: 'localhost' },
      { user: 'nobody', host: '%' }
    ]
    const uses = new DefinerUses()
    const refused: boolean[] = []
    for (const [index, definer] of definers.entries()) {
      await server.sql('shop', `CREATE DEFINER=${account(definer)} SQL SECURITY DEFINER VIEW v${index} AS SELECT 1`)
      const used = await run('mariadb', ['--no-defaults', `--socket=${server.socket}`, '-uroot', `--execute=SELECT * FROM v${index}`, 'shop'])
      if (used.code !== 0) expect(used.stderr).toMatch(/ERROR 1449/)
      refused.push(used.code !== 0)
      uses.add(definer, { kind: 'view', name: `v${index}` })
    }
    // The server's own verdicts, as the cases were chosen: a wildcard, a mask and an empty host take hosts; user names and roles are exact.
    expect(refused).toEqual([false, false, false, true, false, false, true, true, false, true, false, true, false, false, true, true])
    const figures = await checkDefiners(database, uses, workDir, 60_000, 'accept')
    const missing = String(figures['definers missing on the target'])
    expect(definers.map((_, index) => missing.includes(`view \`v${index}\``))).toEqual(refused)
    await expect(checkDefiners(database, uses, workDir, 60_000, 'refuse')).rejects.toThrow(
      /^7 objects of the backup run as DEFINERs that the target does not have: 'APP'@'%' \(view `v3`\); .*'nobody'@'%' \(view `v15`\); restored, they would fail on use \(error 1449.*nothing was restored \(create these accounts on the target with CREATE USER, or CREATE ROLE for a role, and run again; or set accept-missing-definers: true/
    )
  })

  test('a user who may not read mysql.user: its own account counts as there, the others are named as not checked, and nothing fails', async () => {
    const password = 'plain-pw-5521'
    await server.sql('mysql', `CREATE USER 'plain'@'%' IDENTIFIED BY ${sqlString(password)}; GRANT ALL ON shop.* TO 'plain'@'%'`)
    const plain = { ...database, user: 'plain', password }
    const own = new DefinerUses()
    own.add({ user: 'plain', host: 'localhost' }, { kind: 'procedure', name: 'mine' })
    expect(await checkDefiners(plain, own, workDir, 60_000, 'refuse')).toEqual({})
    const other = new DefinerUses()
    other.add({ user: 'plain', host: '%' }, { kind: 'view', name: 'mine' })
    other.add({ user: 'app', host: '%' }, { kind: 'trigger', name: 'audit' })
    for (const policy of ['refuse', 'report'] as const) {
      expect(await checkDefiners(plain, other, workDir, 60_000, policy)).toEqual({
        'definers not checked': "user \"plain\" may not read mysql.user (GRANT SELECT ON mysql.user lets the check see the accounts): 'app'@'%' (trigger `audit`)"
      })
    }
  })
})
