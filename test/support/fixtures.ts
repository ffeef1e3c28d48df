import { BACKUP_INPUTS } from '../../src/run/inputs.js'
import { ConfigError, parseConfig, type ConfigIssue } from '../../src/config/parse.js'
import type { Config, RawInputs } from '../../src/config/types.js'
import type { NotifyConfig } from '../../src/notify/index.js'
import { parseNotify } from '../../src/notify/settings.js'
import type { RunReport } from '../../src/report/types.js'

/** A complete, typed run report for tests of what is built from one. */
export function successReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    status: 'SUCCESS',
    failedStep: '',
    error: '',
    startedAt: '2026-11-26T03:04:05.000Z',
    finishedAt: '2026-11-26T03:04:09.000Z',
    durationMs: 4000,
    backupName: 'shop',
    database: { type: 'postgresql', host: 'db.internal', port: 5432, name: 'shop' },
    storage: { type: 'local', bucket: '', path: '/backups' },
    steps: [
      { name: 'validate-config', status: 'success', durationMs: 3, figures: { 'backup name': 'shop' } },
      { name: 'take-snapshot', status: 'success', durationMs: 1200, figures: { 'size bytes': 123456, client: 'pg_dump 17.2' } },
      { name: 'verify-integrity', status: 'success', durationMs: 800, figures: { 'archive entries': 42 } },
      { name: 'upload-to-storage', status: 'success', durationMs: 30, figures: { uri: 'file:///backups/shop.dump' } },
      { name: 'cleanup-old-backups', status: 'success', durationMs: 4, figures: { 'deleted count': 2 } },
      { name: 'send-notification', status: 'success', durationMs: 20, figures: {} }
    ],
    backup: {
      uri: 'file:///backups/shop-20261126T030405Z-0123abcd.dump',
      key: 'shop-20261126T030405Z-0123abcd.dump',
      sha256: 'a'.repeat(64),
      sizeBytes: 123456,
      etag: '',
      versionId: '',
      throughputBytesPerSecond: 4115200
    },
    retention: { deletedCount: 2, freedBytes: 2048, deletedKeys: ['old-1', 'old-2'], spared: [], kept: [] },
    run: {
      repository: 'octo/app',
      workflow: 'nightly',
      runId: '99',
      runAttempt: '1',
      runUrl: 'https://github.com/octo/app/actions/runs/99',
      eventName: 'schedule',
      ref: 'refs/heads/main',
      sha: 'abc'
    },
    auditFile: '/tmp/audit.json',
    ...overrides
  }
}

export function failedReport(): RunReport {
  const report = successReport()
  return {
    ...report,
    status: 'FAILED',
    failedStep: 'take-snapshot',
    error: 'pg_dump exited with code 1: <password authentication failed>',
    steps: report.steps.map((step) => {
      if (step.name === 'take-snapshot') return { ...step, status: 'failed' as const, error: 'pg_dump exited with code 1: <password authentication failed>', figures: {} }
      if (step.name === 'validate-config' || step.name === 'send-notification') return step
      return { ...step, status: 'skipped' as const, durationMs: 0, figures: {} }
    }),
    backup: null,
    retention: null
  }
}

/** Every input of the contract empty, as the runner passes unset inputs, with `values` set. */
export function rawInputs(values: Record<string, string> = {}): RawInputs {
  const blank = Object.fromEntries(BACKUP_INPUTS.map((name) => [name, '']))
  return { ...blank, ...values }
}

/** Every input parsed as validate-config parses them: the notification inputs by the channels, the rest by parseConfig. */
export function parseInputs(inputs: RawInputs): Config & { notify: NotifyConfig } {
  const notify = parseNotify(inputs)
  return { ...parseConfig(inputs, notify), notify: notify.config }
}

/** The issues validate-config reports for these inputs; fails the test if it accepts them. */
export function configIssues(inputs: RawInputs): ConfigIssue[] {
  try {
    parseInputs(inputs)
  } catch (error) {
    if (error instanceof ConfigError) return error.issues
    throw error
  }
  throw new Error('expected a ConfigError')
}

/** A complete notification config: no channel settings, notify-on always, with `overrides` set. */
export function notifyConfig(overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  return {
    channels: { console: {} },
    notifyOn: 'always',
    heartbeatUrl: '',
    auditDir: '',
    ...overrides
  }
}
