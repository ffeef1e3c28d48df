import type { DbType } from '../../src/engines/catalog.js'
import { backupFileName, formatTimestamp, joinKey, parseBackupKey, parseTimestamp } from '../../src/config/backup-keys.js'

const backupTime = (key: string, prefix: string, backupName: string, dbType: DbType = 'postgresql'): Date | undefined =>
  parseBackupKey(key, { prefix, backupName, dbType })?.time

describe('backup keys', () => {
  const at = new Date(Date.UTC(2026, 10, 26, 3, 4, 5, 678))

  test('carry the UTC time as YYYYMMDDTHHMMSSZ and the backup name', () => {
    expect(formatTimestamp(at)).toBe('20261126T030405Z')
    expect(backupFileName('shop', 'dump', at, 'abcdef01')).toBe('shop-20261126T030405Z-abcdef01.dump')
  })

  test('are unique for runs started in the same second', () => {
    const names = new Set(Array.from({ length: 1000 }, () => backupFileName('shop', 'dump', at)))
    expect(names.size).toBe(1000)
  })

  test('timestamps round-trip and impossible dates are rejected', () => {
    expect(parseTimestamp('20261126T030405Z')?.getTime()).toBe(Date.UTC(2026, 10, 26, 3, 4, 5))
    expect(parseTimestamp('20261340T030405Z')).toBeUndefined()
    expect(parseTimestamp('20260230T000000Z')).toBeUndefined()
    expect(parseTimestamp('2026-11-26')).toBeUndefined()
  })

  test('backupTime recognises only this backup name\'s files with a known extension, under the prefix', () => {
    const own = joinKey('nightly', backupFileName('shop', 'dump', at, '0123abcd'))
    expect(backupTime(own, 'nightly', 'shop')?.toISOString()).toBe('2026-11-26T03:04:05.000Z')
    expect(backupTime(own, '', 'shop')).toBeUndefined()
    expect(backupTime(own, 'nightly', 'sho')).toBeUndefined()
    expect(backupTime('nightly/shop-20261126T030405Z-0123abcd.txt', 'nightly', 'shop')).toBeUndefined()
    expect(backupTime('nightly/shop-20261126T030405Z-0123abcd.dump.bak', 'nightly', 'shop')).toBeUndefined()
    expect(backupTime('nightly/shop-20261126T030405Z-XYZ.dump', 'nightly', 'shop')).toBeUndefined()
    expect(backupTime('nightly/sub/shop-20261126T030405Z-0123abcd.dump', 'nightly', 'shop')).toBeUndefined()
    expect(backupTime('nightly/shop-extra-20261126T030405Z-0123abcd.dump', 'nightly', 'shop')).toBeUndefined()
  })

  test('a backup name with regular-expression characters is matched literally', () => {
    expect(backupTime('a.b-20261126T030405Z-0123abcd.dump', '', 'a.b')).toBeDefined()
    expect(backupTime('axb-20261126T030405Z-0123abcd.dump', '', 'a.b')).toBeUndefined()
  })

  test('only the running engine\'s extensions belong to its series', () => {
    const stamp = '20261126T030405Z-0123abcd'
    expect(backupTime(`shop-${stamp}.dump`, '', 'shop', 'postgresql')).toBeDefined()
    expect(backupTime(`shop-${stamp}.dump`, '', 'shop', 'mariadb')).toBeUndefined()
    expect(backupTime(`shop-${stamp}.sql.gz`, '', 'shop', 'postgresql')).toBeUndefined()
    expect(backupTime(`shop-${stamp}.rdb`, '', 'shop', 'mongodb')).toBeUndefined()
    expect(backupTime(`shop-${stamp}.archive.gz`, '', 'shop', 'redis')).toBeUndefined()
  })

  test('mysql and mariadb share their extensions, and say so: only metadata tells their backups apart', () => {
    const key = 'shop-20261126T030405Z-0123abcd.sql.zst'
    expect(parseBackupKey(key, { prefix: '', backupName: 'shop', dbType: 'mysql' })?.sharedExtension).toBe(true)
    expect(parseBackupKey(key, { prefix: '', backupName: 'shop', dbType: 'mariadb' })?.sharedExtension).toBe(true)
    expect(parseBackupKey('shop-20261126T030405Z-0123abcd.dump', { prefix: '', backupName: 'shop', dbType: 'postgresql' })?.sharedExtension).toBe(false)
  })
})
