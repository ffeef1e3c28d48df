import { publish } from '../../src/run/publish.js'
import { objectLinks, restoreCommand } from '../../src/report/links.js'
import { buildSummary } from '../../src/report/summary.js'
import type { RunReport } from '../../src/report/types.js'
import type { StorageConfig } from '../../src/config/types.js'
import { successReport } from '../support/fixtures.js'

const SHA = 'f'.repeat(64)

/** A two-hour dump to S3, as the reader would meet it. */
function s3Report(overrides: Partial<RunReport> = {}): RunReport {
  const base = successReport()
  const key = 'db/shop-20261126T030405Z-0123abcd.dump'
  return {
    ...base,
    storage: { type: 's3', bucket: 'backups', path: 'db' },
    steps: base.steps.map((step) => {
      if (step.name === 'take-snapshot') return { ...step, durationMs: 7_380_000, figures: { 'size bytes': 66454205, client: 'pg_dump 17.2', sha256: SHA } }
      if (step.name === 'upload-to-storage') return { ...step, figures: { uri: `s3://backups/${key}`, 'size bytes': 66454205, 'bytes per second': 12_500_000 } }
      return step
    }),
    backup: {
      uri: `s3://backups/${key}`,
      key,
      sha256: SHA,
      sizeBytes: 66454205,
      etag: 'e',
      versionId: '',
      throughputBytesPerSecond: 12_500_000,
      consoleUrl: `https://us-east-1.console.aws.amazon.com/s3/object/backups?region=us-east-1&prefix=${encodeURIComponent(key)}`,
      restoreCommand: `aws s3 cp s3://backups/${key} - | pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"`
    },
    ...overrides
  }
}

/** The table of the summary: from its first row to its end. */
function tableOf(html: string): string {
  return html.slice(html.indexOf('<table>'), html.indexOf('</table>'))
}

describe('job summary', () => {
  test('human units beside exact figures, durations as hours and minutes', () => {
    const table = tableOf(buildSummary(s3Report()).stringify())
    expect(table).toContain('2 h 3 min')
    expect(table).toContain('size bytes: 66454205 (66.5 MB)')
    expect(table).toContain('bytes per second: 12500000 (12.5 MB/s)')
    expect(table).not.toContain('7380000')
  })

  test('long values are in a details block, not in the table', () => {
    const html = buildSummary(s3Report()).stringify()
    expect(tableOf(html)).not.toContain(SHA)
    expect(tableOf(html)).not.toContain('s3://backups/db/shop-')
    const details = html.slice(html.indexOf('<details>'), html.indexOf('</details>'))
    expect(details).toContain(`<li>sha256: ${SHA}</li>`)
    expect(details).toContain('<li>uri: s3://backups/db/shop-20261126T030405Z-0123abcd.dump</li>')
    expect(details).toContain('<li>deleted: old-1, old-2</li>')
  })

  test('each backup the retention policy keeps is listed with the rules that keep it', () => {
    const base = s3Report()
    const retention = { ...(base.retention as NonNullable<RunReport['retention']>), kept: [{ key: 'db/shop-20261122T030000Z-0000000a.dump', rules: ['daily 2026-11-22', 'weekly 2026-W47'] }] }
    const html = buildSummary({ ...base, retention }).stringify()
    const details = html.slice(html.indexOf('<details>'), html.indexOf('</details>'))
    expect(details).toContain('<li>kept: db/shop-20261122T030000Z-0000000a.dump (daily 2026-11-22, weekly 2026-W47)</li>')
  })

  test('the console link and the restore command of this backup', () => {
    const html = buildSummary(s3Report()).stringify()
    expect(html).toContain('<a href="https://us-east-1.console.aws.amazon.com/s3/object/backups?region=us-east-1&amp;prefix=db%2Fshop-20261126T030405Z-0123abcd.dump">open in the console</a>')
    expect(html).toContain('<pre><code>aws s3 cp s3://backups/db/shop-20261126T030405Z-0123abcd.dump - | pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"</code></pre>')
  })

  test('a run over several databases links and gives the restore command of each stored backup', () => {
    const base = s3Report()
    const stored = base.backup as NonNullable<RunReport['backup']>
    const run = (database: string, backup: RunReport['backup']): NonNullable<RunReport['databases']>[number] => ({
      database,
      backupName: database,
      status: backup ? 'SUCCESS' : 'FAILED',
      failedStep: backup ? '' : 'take-snapshot',
      error: backup ? '' : 'pg_dump exited with code 1',
      steps: [],
      backup,
      retention: null
    })
    const html = buildSummary({ ...base, status: 'FAILED', failedStep: 'take-snapshot', backup: null, databases: [run('shop', stored), run('billing', null)] }).stringify()
    const databases = html.slice(html.indexOf('<h3>Databases</h3>'))
    expect(databases).toContain(`<code>${stored.key}</code> (<a href="${stored.consoleUrl?.replace(/&/g, '&amp;')}">open in the console</a>), 66.5 MB (66454205 bytes)`)
    expect(databases).toContain(`<p>Restore the backup of "shop":</p>\n<pre><code>${stored.restoreCommand}</code></pre>`)
    expect(databases).not.toContain('Restore the backup of "billing"')
  })

  test('warnings of a step are listed, and flagged in its row', () => {
    const report = s3Report()
    report.steps[4] = { ...report.steps[4], warnings: ['max-backups 10 deleted 6 backup(s) younger than retention-days 90'] }
    const html = buildSummary(report).stringify()
    expect(tableOf(html)).toContain('⚠️ 1 warning(s), below')
    expect(html).toContain('<li><strong>cleanup-old-backups</strong>: max-backups 10 deleted 6 backup(s) younger than retention-days 90</li>')
  })

  test('a stored backup whose notification failed is told apart from a failed backup', () => {
    const report = s3Report({ status: 'FAILED', failedStep: 'send-notification', error: 'webhook: HTTP 500' })
    report.steps[5] = { ...report.steps[5], status: 'failed', error: 'webhook: HTTP 500' }
    const html = buildSummary(report).stringify()
    expect(html).toContain('Database backup: FAILED in send-notification, but the backup is stored and verified')
    expect(html).toContain('The backup "shop" is stored at s3://backups/db/shop-20261126T030405Z-0123abcd.dump, 66.5 MB (66454205 bytes), and verified. Then send-notification failed: webhook: HTTP 500.')

    const failed = buildSummary(s3Report({ status: 'FAILED', failedStep: 'take-snapshot', error: 'pg_dump exited with code 1', backup: null })).stringify()
    expect(failed).toContain('Database backup: FAILED in take-snapshot: no backup was stored')
  })
})

describe('annotations', () => {
  let written: string[]
  const realWrite = process.stdout.write.bind(process.stdout)
  const savedSummary = process.env.GITHUB_STEP_SUMMARY

  beforeEach(() => {
    written = []
    delete process.env.GITHUB_STEP_SUMMARY
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    }) as typeof process.stdout.write
  })

  afterEach(() => {
    process.stdout.write = realWrite
    process.exitCode = 0
    if (savedSummary !== undefined) process.env.GITHUB_STEP_SUMMARY = savedSummary
  })

  const errors = (): string[] => written.join('').split('\n').filter((line) => line.startsWith('::error'))

  test('one failure, one error annotation; it says the backup is stored', async () => {
    const report = s3Report({ status: 'FAILED', failedStep: 'send-notification', error: 'webhook: HTTP 500' })
    report.steps[5] = { ...report.steps[5], status: 'failed', error: 'webhook: HTTP 500' }
    await publish(report)
    expect(errors()).toEqual([
      '::error::Backup FAILED in send-notification: webhook: HTTP 500 (the backup itself is stored: s3://backups/db/shop-20261126T030405Z-0123abcd.dump)'
    ])
  })

  test('two failures, two annotations', async () => {
    const report = s3Report({ status: 'FAILED', failedStep: 'take-snapshot', error: 'pg_dump exited with code 1', backup: null })
    report.steps[1] = { ...report.steps[1], status: 'failed', error: 'pg_dump exited with code 1' }
    report.steps[5] = { ...report.steps[5], status: 'failed', error: 'webhook: HTTP 500' }
    await publish(report)
    expect(errors()).toEqual(['::error title=Database backup::send-notification failed too: webhook: HTTP 500', '::error::Backup FAILED in take-snapshot: pg_dump exited with code 1'])
  })
})

describe('links', () => {
  const storage = (overrides: Partial<StorageConfig>): StorageConfig => ({ type: 's3', bucket: 'backups', path: 'db', ...overrides })

  test('S3 on AWS links the console in the bucket\'s region; an S3-compatible service gets no link but its endpoint in the command', () => {
    expect(objectLinks(storage({ s3: { endpoint: '', region: 'eu-west-1', forcePathStyle: false, checksum: 'sha256' } }), 'db/a b.dump', {})).toEqual({
      consoleUrl: 'https://eu-west-1.console.aws.amazon.com/s3/object/backups?region=eu-west-1&prefix=db%2Fa%20b.dump',
      fetchCommand: "aws s3 cp 's3://backups/db/a b.dump' -"
    })
    expect(objectLinks(storage({ s3: { endpoint: 'http://127.0.0.1:9000', region: '', forcePathStyle: true, checksum: 'none' } }), 'db/a.dump', {})).toEqual({
      consoleUrl: '',
      fetchCommand: 'aws s3 cp s3://backups/db/a.dump - --endpoint-url http://127.0.0.1:9000'
    })
  })

  test('GCS links its console, but not for an emulator', () => {
    expect(objectLinks(storage({ type: 'gcs' }), 'db/a.dump', {}).consoleUrl).toBe('https://console.cloud.google.com/storage/browser/_details/backups/db/a.dump')
    expect(objectLinks(storage({ type: 'gcs' }), 'db/a.dump', { STORAGE_EMULATOR_HOST: 'http://127.0.0.1:1' }).consoleUrl).toBe('')
  })

  test('Azure takes the account name from the connection string, and nothing else of it', () => {
    const links = objectLinks(storage({ type: 'azure-blob', azure: { connectionString: 'AccountName=acme;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net', accountUrl: '' } }), 'db/a.dump', {})
    expect(links.fetchCommand).toBe('az storage blob download --auth-mode login --account-name acme --container-name backups --name db/a.dump --file /dev/stdout')
    expect(JSON.stringify(links)).not.toContain('c2VjcmV0')
  })

  test.each([
    ['postgresql', 'shop-1.dump', 'cat /b/shop-1.dump | pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"'],
    ['postgresql', 'shop-1.dump.zst', 'cat /b/shop-1.dump.zst | zstd -dc | pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"'],
    ['mysql', 'shop-1.sql.gz', 'cat /b/shop-1.sql.gz | gunzip | mysql --host "$DB_HOST" --user "$DB_USER" -p "$DB_NAME"'],
    ['mariadb', 'shop-1.sql.zst', 'cat /b/shop-1.sql.zst | zstd -dc | mariadb --host "$DB_HOST" --user "$DB_USER" -p "$DB_NAME"'],
    ['mongodb', 'shop-1.archive.gz', 'cat /b/shop-1.archive.gz | mongorestore --archive --gzip --uri "$MONGODB_URI"'],
    ['redis', 'redis-1.rdb', 'cat /b/redis-1.rdb > dump.rdb  # then stop the server, replace its dump.rdb with this file, and start it'],
    ['redis', 'redis-1.rdb.zst', 'cat /b/redis-1.rdb.zst | zstd -dc > dump.rdb  # then stop the server, replace its dump.rdb with this file, and start it']
  ])('the restore command for %s', (type, key, command) => {
    expect(restoreCommand(objectLinks({ type: 'local', bucket: '', path: '/b' }, key).fetchCommand, type, key)).toBe(command)
  })
})
