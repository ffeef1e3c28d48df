import type { File } from '@google-cloud/storage'
import { httpStatus, plainMessage } from '../shared/failures.js'
import { cleanupNotes, removeOwnObject } from '../shared/verified-upload.js'
import type { BackupMetadata } from '../types.js'
import type { GcsBucket } from './client.js'
import { customMetadata } from './settings.js'

/**
 * Cancels the resumable session (a session left open keeps what it received for a week) and
 * deletes an object that got finalised after all, recognised by its metadata so that an object
 * this upload did not write is never touched. Returns a note when that did not work.
 */
export async function discard(gcs: GcsBucket, object: File, metadata: BackupMetadata, session: string | undefined, mayExist: boolean): Promise<string> {
  const notes = [session ? await cancelSession(session) : undefined]
  // Without a session, or after a refusal, nothing can have been stored.
  if (mayExist) {
    notes.push(
      await removeOwnObject(gcs, metadata, {
        read: async () => (await object.getMetadata())[0],
        metadataOf: customMetadata,
        remove: (stored) => object.delete({ ifGenerationMatch: stored.generation }),
        isMissing: (error) => httpStatus(error) === 404
      })
    )
  }
  return cleanupNotes(notes)
}

/** Cancels a resumable session (the session URI is its own authorisation; GCS answers 499); a note when that failed. */
export async function cancelSession(session: string): Promise<string | undefined> {
  try {
    const response = await fetch(session, { method: 'DELETE', headers: { 'Content-Length': '0' }, signal: AbortSignal.timeout(15_000) })
    if (response.status !== 499 && response.status !== 404 && !response.ok) return `the upload session could not be cancelled (HTTP ${response.status})`
  } catch (error) {
    return `the upload session could not be cancelled (${plainMessage(error)})`
  }
  return undefined
}
