import { randomBytes } from 'node:crypto'
import type { StorageConfig } from './types.js'
import { engineCatalog, type DbType } from '../engines/catalog.js'
import { storageCatalog } from '../storage/catalog.js'

/**
 * Backup object names: `<backup-name>-<YYYYMMDDTHHMMSSZ>-<8 hex>.<extension>`. The random part
 * keeps two runs started in the same second apart; retention reads a backup's age from the
 * timestamp and recognises its own objects by the whole pattern with the running engine's
 * extensions, so a foreign file, or another engine's backup of the same name, under the same
 * prefix is never taken for one of this series. An encrypted backup has `.age` after the engine's
 * extension (`.dump.zst.age`).
 */

/** What encryption appends to a backup's extension. */
export const ENCRYPTED_SUFFIX = '.age'

/** The extension of a backup, `.age` appended when it is encrypted. */
export function storedExtension(extension: string, encrypted: boolean): string {
  return encrypted ? `${extension}${ENCRYPTED_SUFFIX}` : extension
}

/** Whether a backup's key or file name says it is encrypted. */
export function isEncryptedName(name: string): boolean {
  return name.endsWith(ENCRYPTED_SUFFIX)
}

/** What retention works on: the backups of one name, one engine, directly under one prefix. */
export interface BackupSeries {
  prefix: string
  backupName: string
  dbType: DbType
}

export interface ParsedBackupKey {
  time: Date
  /**
   * Whether another engine writes the same extension (mysql and mariadb do): then only the
   * object's metadata, where the storage keeps it, tells whose backup it is.
   */
  sharedExtension: boolean
  /** Encrypted with age (`.age` appended). */
  encrypted: boolean
}

export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
}

export function parseTimestamp(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  // Rejects 20261340T... and the like, which Date.UTC would roll over.
  return formatTimestamp(date) === text ? date : undefined
}

export function backupFileName(backupName: string, extension: string, date: Date, unique = randomBytes(4).toString('hex')): string {
  return `${backupName}-${formatTimestamp(date)}-${unique}.${extension}`
}

export function joinKey(prefix: string, fileName: string): string {
  return prefix ? `${prefix}/${fileName}` : fileName
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function enginesWriting(extension: string): DbType[] {
  return (Object.keys(engineCatalog) as DbType[]).filter((type) => (engineCatalog[type].fileExtensions as readonly string[]).includes(extension))
}

/** The time of a backup this action wrote for the series (by its key alone), else undefined. */
export function parseBackupKey(key: string, series: BackupSeries): ParsedBackupKey | undefined {
  const extensions = engineCatalog[series.dbType].fileExtensions.map(escapeRegExp).join('|')
  const pattern = new RegExp(
    `^${escapeRegExp(series.prefix ? `${series.prefix}/` : '')}${escapeRegExp(series.backupName)}-(\\d{8}T\\d{6}Z)-[0-9a-f]{8}\\.(${extensions})(${escapeRegExp(ENCRYPTED_SUFFIX)})?$`
  )
  const match = pattern.exec(key)
  const time = match ? parseTimestamp(match[1]) : undefined
  return match && time ? { time, sharedExtension: enginesWriting(match[2]).length > 1, encrypted: match[3] !== undefined } : undefined
}

/** The key prefix inside the storage: cloud backends use `path`; for local, `path` is the directory. */
export function keyPrefix(storage: StorageConfig): string {
  return storageCatalog[storage.type].needsBucket ? storage.path : ''
}

/** A key read without knowing its series: what locate-backup makes of an exact backup-key. */
export interface IdentifiedKey {
  backupName: string
  time: Date
  /** The engines that write its extension (mysql and mariadb share theirs); empty for none. */
  dbTypes: DbType[]
  encrypted: boolean
}

/** The backup name, time and engines of a key directly under `prefix` in this action's pattern, else undefined. */
export function identifyBackupKey(key: string, prefix: string): IdentifiedKey | undefined {
  const head = prefix ? `${prefix}/` : ''
  if (!key.startsWith(head)) return undefined
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]{0,99})-(\d{8}T\d{6}Z)-[0-9a-f]{8}\.([a-z.]+)$/.exec(key.slice(head.length))
  const time = match ? parseTimestamp(match[2]) : undefined
  if (!match || !time) return undefined
  const encrypted = isEncryptedName(match[3])
  return { backupName: match[1], time, dbTypes: enginesWriting(encrypted ? match[3].slice(0, -ENCRYPTED_SUFFIX.length) : match[3]), encrypted }
}

/**
 * A PostgreSQL backup's globals (roles, tablespaces: include-globals) are a second object beside
 * its dump: `<the dump's key without its extension>.globals.sql[.zst|.gz][.age]`. No engine writes that
 * extension, so the object is never taken for a backup of its own; retention deletes it with its
 * dump, and the restore finds it from the dump's key.
 */
const GLOBALS = /^\.globals\.sql(\.zst|\.gz)?(\.age)?$/
const STEM = /^(.*-\d{8}T\d{6}Z-[0-9a-f]{8})\.[a-z.]+$/

/** The globals object's name for a dump named `dumpName` (key or file name), with the extension its compression gives. */
export function globalsName(dumpName: string, suffix: string): string {
  const stem = STEM.exec(dumpName)?.[1]
  if (!stem) throw new Error(`${dumpName} is not a backup name this action writes`)
  return `${stem}.globals.sql${suffix}`
}

/** Whether `key` is the globals object of the backup whose dump is `dumpKey`. */
export function isGlobalsOf(key: string, dumpKey: string): boolean {
  const stem = STEM.exec(dumpKey)?.[1]
  return stem !== undefined && key.startsWith(stem) && GLOBALS.test(key.slice(stem.length)) && key !== dumpKey
}

/**
 * A signed backup's manifest (signing-key) is a third object beside its dump:
 * `<the dump's key without its extension>.manifest.json`, listing every object stored for the
 * backup with its size and SHA-256, signed. Like the globals object, no engine writes its
 * extension, so it is never taken for a backup of its own; retention deletes it with its dump, and
 * the restore finds it from the dump's key.
 */
export const MANIFEST_SUFFIX = '.manifest.json'

/** The manifest's name for a dump named `dumpName` (key or file name). */
export function manifestName(dumpName: string): string {
  const stem = STEM.exec(dumpName)?.[1]
  if (!stem) throw new Error(`${dumpName} is not a backup name this action writes`)
  return `${stem}${MANIFEST_SUFFIX}`
}

/** Whether `key` is the manifest of the backup whose dump is `dumpKey`. */
export function isManifestOf(key: string, dumpKey: string): boolean {
  const stem = STEM.exec(dumpKey)?.[1]
  return stem !== undefined && key === `${stem}${MANIFEST_SUFFIX}` && key !== dumpKey
}

/** Whether `key` is an object the action stores beside the dump `dumpKey` as part of that backup (globals, manifest). */
export function isCompanionOf(key: string, dumpKey: string): boolean {
  return isGlobalsOf(key, dumpKey) || isManifestOf(key, dumpKey)
}
