import { engineCatalog, type DbType } from '../../src/engines/catalog.js'
import { engines } from '../../src/engines/index.js'
import { compressionNames, type Compression } from '../../src/config/types.js'
import { backupFileName, parseBackupKey } from '../../src/config/backup-keys.js'

const at = new Date('2026-11-26T03:04:05Z')
/** The time retention reads from a key of `backupName`'s series of `dbType` backups, if the key is one. */
function backupTime(key: string, backupName: string, dbType: DbType): Date | undefined {
  return parseBackupKey(key, { prefix: '', backupName, dbType })?.time
}

const levels: Compression[] = compressionNames.map((name) => ({ name, level: name === 'none' ? 0 : 1 }))

describe('file extensions and retention', () => {
  test.each(['postgresql', 'mysql', 'mariadb', 'redis'] as DbType[])('%s: every extension the engine writes is one retention recognises', async (type) => {
    const engine = await engines[type].load()
    for (const compression of levels) {
      const extension = engine.fileExtension(compression)
      expect(engineCatalog[type].fileExtensions).toContain(extension)
      expect(backupTime(backupFileName('shop', extension, at, '0123abcd'), 'shop', type)).toEqual(at)
    }
  })

  test('a change of compression strands no backup: .dump from earlier versions beside .dump.zst, .sql.gz beside .sql.zst', () => {
    for (const key of ['shop-20261126T030405Z-0123abcd.dump', 'shop-20261126T030405Z-0123abcd.dump.zst']) expect(backupTime(key, 'shop', 'postgresql')).toEqual(at)
    for (const key of ['db-20261126T030405Z-0123abcd.sql.gz', 'db-20261126T030405Z-0123abcd.sql.zst', 'db-20261126T030405Z-0123abcd.sql']) {
      expect(backupTime(key, 'db', 'mariadb')).toEqual(at)
    }
    expect(backupTime('shop-20261126T030405Z-0123abcd.dump.zst.partial', 'shop', 'postgresql')).toBeUndefined()
  })

  test('the extension tells the truth: zstd piped around a PostgreSQL archive is .dump.zst, pg_dump\'s own gzip .dump', async () => {
    const postgresql = await engines.postgresql.load()
    expect(levels.map((compression) => postgresql.fileExtension(compression))).toEqual(['dump.zst', 'dump', 'dump'])
  })
})
