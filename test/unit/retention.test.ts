import { selectExpired, type Backup } from '../../src/storage/retention.js'

const now = new Date(Date.UTC(2026, 10, 26, 12, 0, 0))
const DAY = 86_400_000

function backup(key: string, ageDays: number, sizeBytes = 100): Backup {
  return { key, sizeBytes, time: new Date(now.getTime() - ageDays * DAY) }
}

const keys = (backups: Backup[]): string[] => backups.map((b) => b.key).sort()

describe('selectExpired', () => {
  const fresh = backup('new', 0)

  test('deletes backups older than the retention days', () => {
    const list = [fresh, backup('a', 5), backup('b', 31), backup('c', 400)]
    expect(keys(selectExpired(list, { days: 30, maxBackups: 0 }, now, 'new'))).toEqual(['b', 'c'])
  })

  test('a backup exactly at the limit is kept', () => {
    expect(selectExpired([fresh, backup('edge', 30)], { days: 30, maxBackups: 0 }, now, 'new')).toEqual([])
  })

  test('keeps only the newest max-backups, counting the one just made', () => {
    const list = [backup('d3', 3), fresh, backup('d1', 1), backup('d2', 2)]
    expect(keys(selectExpired(list, { days: 0, maxBackups: 2 }, now, 'new'))).toEqual(['d2', 'd3'])
  })

  test('applies both rules together', () => {
    const list = [fresh, backup('d1', 1), backup('d40', 40), backup('d2', 2)]
    expect(keys(selectExpired(list, { days: 30, maxBackups: 3 }, now, 'new'))).toEqual(['d40'])
  })

  test('never selects the backup just made, even when its clock says it is old', () => {
    const list = [backup('new', 999), backup('d1', 1)]
    expect(keys(selectExpired(list, { days: 30, maxBackups: 1 }, now, 'new'))).toEqual(['d1'])
  })

  test('0 for both keeps everything', () => {
    expect(selectExpired([fresh, backup('x', 9999)], { days: 0, maxBackups: 0 }, now, 'new')).toEqual([])
  })

  test('backups from the future (clock skew) are not too old', () => {
    expect(selectExpired([fresh, backup('future', -2)], { days: 1, maxBackups: 0 }, now, 'new')).toEqual([])
  })
})
