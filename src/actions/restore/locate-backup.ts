import * as core from '@actions/core'
import type { RestoreConfig } from '../../config/restore.js'
import { LATEST } from '../../config/restore.js'
import { basename } from 'node:path'
import { RestoreInputs } from '../../constants.js'
import { globalsName, identifyBackupKey, isGlobalsOf, joinKey, keyPrefix, parseBackupKey, type BackupSeries, type IdentifiedKey } from '../../config/backup-keys.js'
import { storages } from '../../storage/index.js'
import { trustTimes, type TrustedTime } from '../../storage/shared/trusted-time.js'
import type { StorageBackend, StoredObject } from '../../storage/types.js'
import type { StepOutcome } from '../../run/step.js'

export interface LocatedBackup {
  backend: StorageBackend
  key: string
  uri: string
  sizeBytes: number
  /** The time in its key: when the backup was taken. */
  takenAt: Date
  /** Encrypted with age (`.age`): decrypted after the download. */
  encrypted: boolean
  /** restore-globals: the backup's globals object (include-globals), stored beside its dump. */
  globals?: { key: string; uri: string; sizeBytes: number }
}

/** The globals object stored with the dump under `key`; an error naming the backup where there is none. */
async function locateGlobals(backend: StorageBackend, key: string): Promise<NonNullable<LocatedBackup['globals']>> {
  const stem = globalsName(key, '')
  const found = (await backend.list(stem)).find((entry) => isGlobalsOf(entry.key, key))
  if (!found) {
    throw new Error(
      `restore-globals is true, but the backup ${backend.uri(key)} has no globals object beside it (${basename(stem)}[.zst|.gz]): ` +
        'it was made without include-globals; nothing was restored (set restore-globals: false to restore the database alone)'
    )
  }
  return { key: found.key, uri: backend.uri(found.key), sizeBytes: found.sizeBytes }
}

/**
 * The newest by the time it is ranked by. Keys tell seconds only: two backups of the same second
 * are told apart by the `createdat` metadata (milliseconds) where the storage keeps it, else by
 * the storage's own time.
 */
async function newest(candidates: { entry: StoredObject; time: Date }[], backend: StorageBackend): Promise<StoredObject> {
  const newestTime = Math.max(...candidates.map((candidate) => candidate.time.getTime()))
  const tied = candidates.filter((candidate) => candidate.time.getTime() === newestTime).map((candidate) => candidate.entry)
  if (tied.length === 1) return tied[0]
  const created = async (entry: StoredObject): Promise<number> => {
    const metadata = entry.metadata ?? (await backend.metadata?.(entry.key))?.metadata
    return Date.parse(metadata?.createdat ?? '') || entry.lastModified.getTime()
  }
  const ranked = await Promise.all(tied.map(async (entry) => ({ entry, at: await created(entry) })))
  ranked.sort((a, b) => b.at - a.at || b.entry.lastModified.getTime() - a.entry.lastModified.getTime())
  return ranked[0].entry
}

interface Ranked {
  entry: StoredObject
  keyTime: Date
  trusted: TrustedTime
}

const iso = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z')

/** Why a backup whose key is newer than the one chosen was not: for the warning that names it. */
function passedOverBecause(backup: Ranked, now: Date): string {
  if (backup.trusted.futureDated) return `it is dated ${iso(backup.keyTime)}, in the future (this runner's clock says ${iso(now)}): a key from a clock gone wrong, or planted`
  return `it is dated ${iso(backup.keyTime)} but was stored at ${iso(backup.entry.lastModified)}, so it is ranked by the storage's time`
}

/**
 * `latest`: the newest of the series by the time retention ranks it by (trustTimes: a key's time
 * counts where the storage's time agrees, or for a copy of the history; a future-dated key is not
 * ranked at all), so that a key forged or dated by a wrong clock is never restored in place of
 * the real newest backup. Every backup whose key is newer than the one chosen is named in a
 * warning, with why it was passed over.
 */
async function latest(ours: { entry: StoredObject; keyTime: Date }[], backend: StorageBackend, where: string): Promise<{ object: StoredObject; warnings: string[]; figures: Record<string, number> }> {
  const now = new Date()
  const trust = trustTimes(ours.map(({ entry, keyTime }) => ({ key: entry.key, keyTime, lastModified: entry.lastModified })), now)
  const ranked: Ranked[] = ours.map((backup, index) => ({ ...backup, trusted: trust.times[index] }))
  const rankable = ranked.filter((backup) => !backup.trusted.futureDated)
  if (rankable.length === 0) {
    throw new Error(
      `every backup found under ${where} is dated in the future (${ranked.map((backup) => backup.entry.key).join(', ')}; this runner's clock says ${iso(now)}): ` +
        'latest restores none of them; give backup-key to restore one, if you trust it'
    )
  }
  const object = await newest(rankable.map(({ entry, trusted }) => ({ entry, time: trusted.time })), backend)
  const chosen = ranked.find((backup) => backup.entry === object) as Ranked
  const passedOver = ranked.filter((backup) => backup !== chosen && backup.keyTime > chosen.keyTime)
  const warnings = [
    ...trust.warnings,
    ...passedOver.map((backup) => `${backup.entry.key} was passed over, though its key is newer than that of ${object.key}, the backup restored: ${passedOverBecause(backup, now)}`),
    ...(chosen.trusted.timeFrom === 'storage'
      ? [`${object.key}, the backup restored, is dated ${iso(chosen.keyTime)} but was stored at ${iso(object.lastModified)}: it was chosen as the newest by the storage's time`]
      : [])
  ]
  const future = passedOver.filter((backup) => backup.trusted.futureDated).length
  const figures = {
    ...(future > 0 ? { 'passed over (future-dated key)': future } : {}),
    ...(passedOver.length > future ? { 'passed over (key disagrees with storage time)': passedOver.length - future } : {})
  }
  return { object, warnings, figures }
}

/**
 * The backup to restore: the exact backup-key, or with `latest` the newest of backup-name for
 * this db-type by the time retention ranks it by (see latest), among the keys the backup action writes (a foreign file
 * under the same prefix is never taken for one).
 */
export async function locateBackup(config: RestoreConfig, storage?: StorageBackend): Promise<StepOutcome<LocatedBackup>> {
  const backend = storage ?? (await storages[config.storage.type].load(config.storage))
  const prefix = keyPrefix(config.storage)
  const dbType = config.database.type
  const where = backend.uri(joinKey(prefix, ''))
  let key: string
  let object: StoredObject | undefined
  let found: number
  let warnings: string[] = []
  let passedOver: Record<string, number> = {}
  if (config.backupKey === LATEST) {
    const series: BackupSeries = { prefix, backupName: config.backupName, dbType }
    const listed = await backend.list(joinKey(prefix, `${config.backupName}-`))
    const ours = listed.flatMap((entry) => {
      const parsed = parseBackupKey(entry.key, series)
      return parsed ? [{ entry, keyTime: parsed.time }] : []
    })
    if (ours.length === 0) {
      const others = listed.map((entry) => identifyBackupKey(entry.key, prefix)).filter((parsed) => parsed?.backupName === config.backupName)
      const otherEngines = [...new Set(others.flatMap((parsed) => parsed?.dbTypes ?? []))]
      throw new Error(
        `no ${dbType} backup named "${config.backupName}" was found under ${where}` +
          (otherEngines.length > 0 ? ` (there are ${otherEngines.join('/')} backups of that name: is db-type right?)` : '') +
          ' (backup-name defaults to db-name, else db-type: give the backup action\'s backup-name)'
      )
    }
    ;({ object, warnings, figures: passedOver } = await latest(ours, backend, where))
    for (const warning of warnings) core.warning(warning, { title: 'Latest backup' })
    key = object.key
    found = ours.length
  } else {
    key = config.backupKey
    const identified = identifyBackupKey(key, prefix)
    if (!identified) {
      throw new Error(
        `backup-key "${key}" is not a key the backup action writes directly under ${where} ` +
          '(<backup-name>-<YYYYMMDDTHHMMSSZ>-<8 hex>.<extension>, with the path prefix for a cloud storage)'
      )
    }
    if (!identified.dbTypes.includes(dbType)) {
      throw new Error(
        `backup-key "${key}" is a ${identified.dbTypes.join('/') || 'unknown engine\'s'} backup, but db-type is ${dbType}: nothing was restored`
      )
    }
    const listed = await backend.list(key)
    object = listed.find((entry) => entry.key === key)
    if (!object) throw new Error(`backup-key "${key}" does not exist: ${backend.uri(key)} is not in the storage`)
    found = 1
  }
  const { time: takenAt, encrypted } = identifyBackupKey(key, prefix) as IdentifiedKey
  if (encrypted && config.decryptionIdentities.length === 0) {
    throw new Error(
      `${backend.uri(key)} is encrypted with age (.age): set the input ${RestoreInputs.DecryptionIdentity} to the age secret key of one of its recipients ` +
        '(from a secret of a protected environment); nothing was downloaded or restored'
    )
  }
  const globals = config.restoreGlobals ? await locateGlobals(backend, key) : undefined
  return {
    value: { backend, key, uri: backend.uri(key), sizeBytes: object.sizeBytes, takenAt, encrypted, ...(globals ? { globals } : {}) },
    figures: {
      ...(globals ? { 'globals key': globals.key } : {}),
      key,
      'backup taken at': takenAt.toISOString(),
      'size bytes': object.sizeBytes,
      encrypted: encrypted ? 'yes, age' : 'no',
      ...(config.backupKey === LATEST ? { 'backups found': found, chosen: 'latest', ...passedOver } : { chosen: 'backup-key' })
    },
    ...(warnings.length > 0 ? { warnings } : {})
  }
}
