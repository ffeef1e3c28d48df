import * as core from '@actions/core'
import { describePolicy, KEEP_INPUTS } from '../../config/retention.js'
import type { Config, RetentionConfig } from '../../config/types.js'
import type { Figures } from '../../engines/types.js'
import type { RetentionRecord } from '../../report/types.js'
import { mapLimit } from '../../storage/shared/batches.js'
import { isCompanionOf, isGlobalsOf, isManifestOf, joinKey, keyPrefix } from '../../config/backup-keys.js'
import { planRetention, type Deletion, type KeepReason, type RetentionPlan } from '../../storage/shared/retention.js'
import { CLOCK_MARGIN_MS } from '../../storage/shared/trusted-time.js'
import type { StoredObject } from '../../storage/types.js'
import type { Uploaded } from './upload-to-storage.js'
import type { StepOutcome } from '../../run/step.js'

const DAY_MS = 86_400_000

/** Kept backups worth a figure of their own: those a rule would have deleted, or that are not ours. */
const SPARED: Partial<Record<KeepReason, string>> = {
  'concurrent run': 'spared (another run, dated after this run started)',
  'recently written': 'spared (stored while this run was going)',
  'future-dated key': 'kept (future-dated key, not counted)',
  'clock untrusted': 'kept (age rule suspended)',
  'another engine': 'kept (another engine\'s)',
  locked: 'locked'
}

/** The input behind each rule a backup can be kept by. */
const RULE_NAMES: Record<string, string> = {
  within: 'retention-days/max-backups',
  ...Object.fromEntries(KEEP_INPUTS.map(([input, rule]) => [rule, input]))
}

/**
 * Lists the backups, plans with the pure planner (reading metadata it asks for), deletes, and
 * reports. `cancel`: the run's cancellation, after which no deletion is started.
 */
export async function cleanupOldBackups(
  config: Config,
  uploaded: Uploaded,
  runStartedAt: Date,
  now = new Date(),
  cancel?: AbortSignal
): Promise<StepOutcome<RetentionRecord>> {
  const { backend, backup } = uploaded
  const series = { prefix: keyPrefix(config.storage), backupName: config.backupName, dbType: config.database.type }
  let objects = await backend.list(joinKey(series.prefix, `${config.backupName}-`))
  // If the storage does not show the backup just uploaded, its listing cannot be trusted to decide
  // what else to delete.
  const own = objects.find((object) => object.key === backup.key)
  if (!own || own.sizeBytes !== backup.sizeBytes) {
    throw new Error(`the storage listing does not show ${backup.key} with ${backup.sizeBytes} bytes; nothing was deleted`)
  }

  const plan = (): RetentionPlan => planRetention({ objects, series, retention: config.retention, justMade: backup.key, runStartedAt, now })
  const readMetadata = backend.metadata?.bind(backend)
  let planned = plan()
  // Each round reads metadata only for objects that had none, so it ends; in practice after one.
  while (readMetadata && planned.needsMetadata.length > 0) {
    const keys = new Set(planned.needsMetadata)
    const found = new Map(await mapLimit([...keys], 8, async (key) => [key, await readMetadata(key)] as const))
    objects = objects.flatMap((object): StoredObject[] => {
      if (!keys.has(object.key)) return [object]
      const details = found.get(object.key)
      // Gone since the listing (another run's retention): nothing to decide about.
      return details ? [{ ...object, metadata: details.metadata, ...(details.lockedUntil ? { lockedUntil: details.lockedUntil } : {}) }] : []
    })
    planned = plan()
  }

  // A lock the listing did not show (S3 without s3:GetObjectRetention, a hold) shows in the refusal.
  // A backup's globals object (include-globals) and signed manifest (signing-key) go with its dump,
  // in the same request; they are part of that backup, not ones of their own (the deleted count
  // counts dumps, the freed bytes all of them).
  const companions = objects.filter((object) => planned.delete.some((entry) => isCompanionOf(object.key, entry.key)))
  const toDelete = [...planned.delete.map((entry) => entry.key), ...companions.map((object) => object.key)]
  // A cancelled run is reported once its step has wound down, and what it deletes after that would
  // go uncounted: a listing that answers late deletes nothing (deletions already sent still count).
  cancel?.throwIfAborted()
  const { deleted: deletedObjects, locked } = toDelete.length > 0 ? await backend.delete(toDelete) : { deleted: [], locked: [] }
  const deleted = new Set(deletedObjects)
  const deletedKeys = planned.delete.filter((entry) => deleted.has(entry.key)).map((entry) => entry.key)
  const refused = locked.filter((key) => planned.delete.some((entry) => entry.key === key))
  const countOverAge = countLimitWarning(planned.delete.filter((entry) => deleted.has(entry.key)), config.retention, now)
  const warnings = [...planned.warnings, ...(countOverAge ? [countOverAge] : [])]
  for (const warning of warnings) core.warning(warning, { title: 'Backup retention' })
  const freedBytes = [...planned.delete, ...companions].filter((entry) => deleted.has(entry.key)).reduce((sum, entry) => sum + entry.sizeBytes, 0)
  for (const entry of planned.delete) if (deleted.has(entry.key)) core.info(`deleted ${entry.key}: ${entry.reason}`)
  for (const entry of companions) {
    const what = planned.delete.some((backup) => isManifestOf(entry.key, backup.key)) ? 'the signed manifest' : 'the globals'
    if (deleted.has(entry.key)) core.info(`deleted ${entry.key}: ${what} of a deleted backup`)
  }
  // What runs killed mid-upload left where no listing shows it (a directory's hidden partial dumps,
  // plaintext until encrypted): once nobody has written it for the margin, it is nobody's work in progress.
  const stalePartials = (await backend.removeStalePartials?.(series, new Date(now.getTime() - CLOCK_MARGIN_MS))) ?? []
  for (const name of stalePartials) core.info(`deleted ${name}: a partial file a killed run left, untouched for over ${CLOCK_MARGIN_MS / 60_000} minutes`)

  const spared = [
    ...planned.kept
      .filter((entry) => SPARED[entry.reason])
      .map((entry) => ({ key: entry.key, reason: entry.lockedUntil ? `locked until ${entry.lockedUntil.toISOString()}` : entry.reason })),
    ...refused.map((key) => ({ key, reason: 'locked (the storage refused the deletion)' }))
  ]
  for (const key of refused) core.info(`kept ${key}: a retention lock protects it (the storage refused the deletion)`)
  const keptByRule = planned.kept.filter((entry) => entry.rules.length > 0).map((entry) => ({ key: entry.key, rules: entry.rules }))
  const figures: Figures = {
    policy: describePolicy(config.retention),
    'backups found': planned.found,
    'deleted count': deletedKeys.length,
    'freed bytes': freedBytes,
    retries: backend.takeRetryCount(),
    kept: planned.kept.length + refused.length
  }
  for (const entry of keptByRule) {
    for (const rule of new Set(entry.rules.map((text) => text.split(' ')[0]))) {
      const label = `kept by ${RULE_NAMES[rule] ?? rule}`
      figures[label] = ((figures[label] as number | undefined) ?? 0) + 1
    }
  }
  for (const entry of planned.kept) {
    const label = SPARED[entry.reason]
    if (label) figures[label] = ((figures[label] as number | undefined) ?? 0) + 1
  }
  if (refused.length > 0) figures.locked = ((figures.locked as number | undefined) ?? 0) + refused.length
  const byStorageTime = [...planned.kept, ...planned.delete].filter((entry) => entry.timeFrom === 'storage' && entry.key !== backup.key).length
  if (byStorageTime > 0) figures['aged by storage time (key disagrees)'] = byStorageTime
  if (planned.clockProblem) figures['age rule'] = `suspended: ${planned.clockProblem}`
  if (stalePartials.length > 0) figures['stale partial files removed'] = stalePartials.length
  const deletedWith = (isOf: (key: string, dumpKey: string) => boolean): number =>
    companions.filter((entry) => deleted.has(entry.key) && planned.delete.some((backup) => isOf(entry.key, backup.key))).length
  if (companions.some((entry) => planned.delete.some((backup) => isGlobalsOf(entry.key, backup.key)))) figures['globals deleted with their dumps'] = deletedWith(isGlobalsOf)
  if (companions.some((entry) => planned.delete.some((backup) => isManifestOf(entry.key, backup.key)))) figures['manifests deleted with their dumps'] = deletedWith(isManifestOf)
  return { value: { deletedCount: deletedKeys.length, freedBytes, deletedKeys: deletedObjects, spared, kept: keptByRule }, figures, warnings }
}

/**
 * When max-backups deleted backups that retention-days would have kept: the count limit wins, and
 * with one backup a day `max-backups: 10` keeps ten days however long retention-days is.
 */
export function countLimitWarning(deleted: Deletion[], retention: RetentionConfig, now: Date): string | undefined {
  if (retention.days === 0) return undefined
  const young = deleted.filter((entry) => now.getTime() - entry.time.getTime() <= retention.days * DAY_MS)
  if (young.length === 0) return undefined
  const newest = young.reduce((a, b) => (b.time > a.time ? b : a))
  const calendar = Object.values(retention.keep).some((count) => count > 0)
  const age = Math.floor((now.getTime() - newest.time.getTime()) / DAY_MS)
  return (
    `max-backups ${retention.maxBackups} deleted ${young.length} backup(s) younger than retention-days ${retention.days} ` +
    `(the newest of them ${age} day(s) old): the count limit applies whatever the age, so only the newest ${retention.maxBackups}${calendar ? ' (and those a keep-* rule keeps)' : ''} are kept. ` +
    `To keep ${retention.days} days of backups, raise max-backups to at least the number of backups made in ${retention.days} days, or set it to 0`
  )
}
