import { basename } from 'node:path'
import type { Config } from '../../config/types.js'
import { storages } from '../../storage/index.js'
import { joinKey, keyPrefix } from '../../config/backup-keys.js'
import type { StagedUpload, StorageBackend } from '../../storage/types.js'
import { CheckFailedError, type DumpSink } from '../../util/dump-stream.js'
import { errorMessage } from '../../util/errors.js'
import { bytesUnder } from '../../util/files.js'
import type { StagingChoice } from './staging.js'
import { takeSnapshot, type TakenSnapshot } from './take-snapshot.js'
import { StoppedError, type StepOutcome } from '../../run/step.js'
import { recordUpload, type Uploaded } from './upload-to-storage.js'
import { verifyStreamed } from './verify-integrity.js'

/**
 * staging stream: take-snapshot, verify-integrity and upload-to-storage at once. The dump tool's
 * output, compressed and hashed, goes to the storage's uncommitted upload while the engine's check
 * reads the same bytes; the upload is committed only once the dump tool exited 0 and the check
 * passed, and aborted otherwise. A failure of any of the three stops the other two, which are
 * then reported stopped (skipped) with its cause.
 */
export interface StreamedBackup {
  /** performance.now() when the three began: each step's duration counts from it. */
  startedAt: number
  snapshot: Promise<StepOutcome<TakenSnapshot>>
  verified: Promise<StepOutcome<TakenSnapshot>>
  uploaded: Promise<StepOutcome<Uploaded>>
}

type Cause = { step: 'take-snapshot' | 'verify-integrity' | 'upload-to-storage'; message: string }

/** The most bytes of files the run kept in its work directory in RUNNER_TEMP while the dump streamed: sampled, and at the end. */
class DiskWatch {
  private peak = 0
  private sampling = false
  private readonly timer: NodeJS.Timeout

  constructor(private readonly dir: string) {
    this.timer = setInterval(() => void this.sample(), 250)
    this.timer.unref()
  }

  private async sample(): Promise<void> {
    if (this.sampling) return
    this.sampling = true
    try {
      this.peak = Math.max(this.peak, await bytesUnder(this.dir))
    } finally {
      this.sampling = false
    }
  }

  async stop(): Promise<number> {
    clearInterval(this.timer)
    await this.sample()
    return this.peak
  }
}

export function streamBackup(config: Config, workDir: string, choice: StagingChoice, cancel: AbortSignal): StreamedBackup {
  const startedAt = performance.now()
  const controller = new AbortController()
  let backend: StorageBackend | undefined
  let key = ''
  let upload: StagedUpload | undefined
  let uploadFailure: string | undefined
  let aborted: Promise<string> | undefined
  const disk = new DiskWatch(workDir)

  // Whatever failed, the upload is never committed: its parts or blocks are discarded once.
  const abortUpload = (): Promise<string> => {
    aborted ??= (async () => {
      if (!controller.signal.aborted) controller.abort(new Error('the streamed backup failed'))
      return upload ? upload.abort().catch((error: unknown) => `; the upload could not be aborted (${errorMessage(error)})`) : ''
    })()
    return aborted
  }
  // A cancelled run aborts the upload at once, not only once the dump has wound down.
  const onCancel = (): void => {
    controller.abort(cancel.reason)
    void abortUpload()
  }
  if (cancel.aborted) onCancel()
  else cancel.addEventListener('abort', onCancel, { once: true })
  const uploading = <T>(work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      uploadFailure ??= errorMessage(error)
      throw error
    })

  const open = async (file: string): Promise<DumpSink> => {
    const loaded = await uploading(storages[config.storage.type].load(config.storage))
    backend = loaded
    key = joinKey(keyPrefix(config.storage), basename(file))
    const metadata = { backupName: config.backupName, dbType: config.database.type, createdAt: new Date().toISOString() }
    const started = await uploading(loaded.beginUpload(key, metadata, controller.signal, choice.estimatedBytes))
    upload = started
    return {
      stopOnCheckFailure: true,
      write: (chunk) => uploading(started.write(chunk)),
      finish: () => uploading(started.flush()),
      discard: async () => {
        await abortUpload()
      }
    }
  }

  const stopped = (cause: Cause, self: Cause['step']): Error => (cause.step === self ? new Error(cause.message) : new StoppedError(cause.step, cause.message))
  let cause: Cause | undefined

  const snapshot = (async (): Promise<StepOutcome<TakenSnapshot>> => {
    try {
      return await takeSnapshot(config, workDir, choice, open)
    } catch (error) {
      await abortUpload()
      cause ??= uploadFailure
        ? { step: 'upload-to-storage', message: uploadFailure }
        : error instanceof CheckFailedError
          ? { step: 'verify-integrity', message: error.finding }
          : { step: 'take-snapshot', message: errorMessage(error) }
      throw stopped(cause, 'take-snapshot')
    }
  })()

  const verified = (async (): Promise<StepOutcome<TakenSnapshot>> => {
    let taken: StepOutcome<TakenSnapshot>
    try {
      taken = await snapshot
    } catch {
      throw stopped(cause as Cause, 'verify-integrity')
    }
    try {
      return await verifyStreamed(config, taken.value)
    } catch (error) {
      cause ??= { step: 'verify-integrity', message: errorMessage(error) }
      const note = await abortUpload()
      throw new Error(`${errorMessage(error)}${note}`)
    }
  })()

  const uploaded = (async (): Promise<StepOutcome<Uploaded>> => {
    let checked: StepOutcome<TakenSnapshot>
    try {
      checked = await verified
    } catch {
      const note = await abortUpload()
      const reason = cause as Cause
      if (reason.step === 'upload-to-storage') throw new Error(`${reason.message}${note}`)
      throw new StoppedError(reason.step, `${reason.message}; the upload was aborted, nothing was stored${note}`)
    }
    try {
      const dump = checked.value
      const result = await (upload as StagedUpload).commit(dump.sha256, dump.sizeBytes)
      const outcome = await recordUpload(config, backend as StorageBackend, key, dump, result, cancel)
      const usage = process.resourceUsage()
      outcome.figures = {
        ...outcome.figures,
        ...(upload as StagedUpload).figures(),
        'staging': 'stream (committed after verify-integrity passed)',
        'RUNNER_TEMP peak bytes': await disk.stop(),
        'peak RSS bytes': usage.maxRSS * 1024,
        'stream seconds': Math.round((performance.now() - startedAt) / 100) / 10
      }
      return outcome
    } catch (error) {
      const note = await abortUpload()
      throw new Error(`${errorMessage(error)}${note}`)
    } finally {
      cancel.removeEventListener('abort', onCancel)
      await disk.stop()
    }
  })()

  // Each is awaited by its step; a step not reached (a cancelled run) must not leave a rejection unhandled.
  for (const promise of [snapshot, verified, uploaded]) promise.catch(() => undefined)
  return { startedAt, snapshot, verified, uploaded }
}
