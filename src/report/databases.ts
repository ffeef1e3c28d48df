import { Inputs, type StepName } from '../constants.js'
import type { BackupRecord, DatabaseRun, RetentionRecord, RunReport, StepResult } from './types.js'

/**
 * A run over several databases (db-name a list or `*`) runs the steps from take-snapshot to
 * cleanup-old-backups once per database; the run's own step rows sum them up, and a step failed
 * for the run if it failed for any database, its error naming each database it failed for.
 */

/** One database's outcome from its steps. */
export function databaseRun(database: string, backupName: string, steps: StepResult[], outcome: Pick<DatabaseRun, 'backup' | 'retention'>): DatabaseRun {
  const failed = steps.find((step) => step.status === 'failed')
  return { database, backupName, status: failed ? 'FAILED' : 'SUCCESS', failedStep: failed?.name ?? '', error: failed?.error ?? '', steps, ...outcome }
}

/**
 * A database `*` found whose name cannot name a series of its own (databaseTargets): it failed in
 * validate-config, named, and none of its steps ran. It has no backup name: the one it would have
 * had is another database's.
 */
export function refusedRun(database: string, reason: string): DatabaseRun {
  const error = `input "${Inputs.DbName}": ${reason}`
  return { database, backupName: '', status: 'FAILED', failedStep: 'validate-config', error, steps: [{ name: 'validate-config', status: 'failed', durationMs: 0, error, figures: {} }], backup: null, retention: null }
}

/** The run's validate-config row, failed, naming each database refused, if any was (the others' steps still ran). */
export function withRefusals(validated: StepResult, runs: DatabaseRun[]): StepResult {
  const refused = runs.filter((run) => run.failedStep === 'validate-config')
  if (refused.length === 0) return validated
  return {
    ...validated,
    status: 'failed',
    error: refused.map((run) => `database "${run.database}": ${run.error}`).join('; ')
  }
}

/** The run's row of each step in `names`, from every database's. */
export function mergedSteps(runs: DatabaseRun[], names: readonly StepName[]): StepResult[] {
  return names.map((name): StepResult => {
    const results = runs.map((run) => ({ run, step: run.steps.find((step) => step.name === name) }))
    const failed = results.filter(({ step }) => step?.status === 'failed')
    const succeeded = results.filter(({ step }) => step?.status === 'success')
    const warnings = results.flatMap(({ run, step }) => (step?.warnings ?? []).map((warning) => `database "${run.database}": ${warning}`))
    return {
      name,
      status: failed.length > 0 ? 'failed' : succeeded.length > 0 ? 'success' : 'skipped',
      durationMs: results.reduce((sum, { step }) => sum + (step?.durationMs ?? 0), 0),
      ...(failed.length > 0 ? { error: failed.map(({ run, step }) => `database "${run.database}": ${step?.error ?? ''}`).join('; ') } : {}),
      figures: { databases: `${succeeded.length} of ${runs.length} succeeded${failed.length > 0 ? `, failed: ${failed.map(({ run }) => run.database).join(', ')}` : ''}` },
      ...(warnings.length > 0 ? { warnings } : {})
    }
  })
}

/** Every database's retention, added up; null where none ran. */
export function totalRetention(runs: DatabaseRun[]): RetentionRecord | null {
  const records = runs.flatMap((run) => (run.retention ? [run.retention] : []))
  if (records.length === 0) return null
  return {
    deletedCount: records.reduce((sum, record) => sum + record.deletedCount, 0),
    freedBytes: records.reduce((sum, record) => sum + record.freedBytes, 0),
    deletedKeys: records.flatMap((record) => record.deletedKeys),
    spared: records.flatMap((record) => record.spared),
    kept: records.flatMap((record) => record.kept)
  }
}

/** One entry of the `backups` output. */
export interface BackupEntry {
  database: string
  backupName: string
  uri: string
  key: string
  sha256: string
  sizeBytes: number
  globals?: { uri: string; key: string; sha256: string; sizeBytes: number }
  /** signing-key: the signed manifest beside the dump. */
  manifest?: { uri: string; key: string; sizeBytes: number; signature: string }
}

function entryOf(database: string, backupName: string, backup: BackupRecord): BackupEntry {
  const { uri, key, sha256, sizeBytes, globals, manifest } = backup
  return {
    database,
    backupName,
    uri,
    key,
    sha256,
    sizeBytes,
    ...(globals ? { globals: { uri: globals.uri, key: globals.key, sha256: globals.sha256, sizeBytes: globals.sizeBytes } } : {}),
    ...(manifest ? { manifest: { uri: manifest.uri, key: manifest.key, sizeBytes: manifest.sizeBytes, signature: manifest.signature } } : {})
  }
}

/** Every backup the run stored: one per database that got that far (the `backups` output). */
export function storedBackups(report: RunReport): BackupEntry[] {
  if (report.databases) return report.databases.flatMap((run) => (run.backup ? [entryOf(run.database, run.backupName, run.backup)] : []))
  return report.backup ? [entryOf(report.database.name, report.backupName, report.backup)] : []
}
