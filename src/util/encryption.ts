import { Duplex, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { sinkStream } from './compression.js'

/** Client-side encryption with age: the encryption-* inputs. */
export interface EncryptionConfig {
  /** age public keys (age1…), parsed by the library at validate-config. */
  recipients: string[]
  /** age secret keys (secrets) that decrypt the stored file to compare it with the plaintext; may be empty. */
  verifyIdentities: string[]
}

/**
 * age encryption (age-encryption.org/v1) as stream stages, by the `age-encryption` package of
 * age's author: nothing here does cryptography itself. The library is loaded only when a backup is
 * encrypted or decrypted. Its streams are web streams; each stage here is a Node.js Duplex over
 * them, with the backpressure of both, so a dump of any size passes in the library's 64 KiB
 * chunks: memory stays flat.
 */

type AgeLibrary = typeof import('age-encryption')

let library: Promise<AgeLibrary> | undefined

/** The library, imported on first use. */
export function ageLibrary(): Promise<AgeLibrary> {
  library ??= import('age-encryption')
  return library
}

/**
 * A Duplex whose readable side is what `start` makes of its writable side. `start` may read from
 * its input before it returns (a decrypter reads the header first), so the Duplex exists at once
 * and the output is joined when ready; a failure of `start` fails the Duplex.
 */
function webStage(start: (input: ReadableStream<Uint8Array>) => Promise<ReadableStream<Uint8Array>>): Duplex {
  const input = new TransformStream<Uint8Array, Uint8Array>()
  const output = new TransformStream<Uint8Array, Uint8Array>()
  start(input.readable)
    .then((readable) => readable.pipeTo(output.writable))
    .catch(async (error: unknown) => {
      await output.writable.abort(error).catch(() => undefined)
      await input.readable.cancel(error).catch(() => undefined)
    })
  return Duplex.fromWeb({ writable: input.writable, readable: output.readable })
}

/** Encrypts what is written to it for every recipient (age public keys, checked at validate-config). */
export function encryptStage(recipients: readonly string[]): Duplex {
  return webStage(async (input) => {
    const { Encrypter } = await ageLibrary()
    const encrypter = new Encrypter()
    for (const recipient of recipients) encrypter.addRecipient(recipient)
    return encrypter.encrypt(input)
  })
}

/**
 * Decrypts what is written to it with the first of `identities` that opens it. Every chunk is
 * authenticated: a damaged, cut or foreign file fails the stream, never yields wrong bytes.
 */
export function decryptStage(identities: readonly string[]): Duplex {
  return webStage(async (input) => {
    const { Decrypter } = await ageLibrary()
    const decrypter = new Decrypter()
    for (const identity of identities) decrypter.addIdentity(identity)
    try {
      return await decrypter.decrypt(input)
    } catch (error) {
      throw new Error(`age could not open the file: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
}

export interface Decrypted {
  sha256: string
  sizeBytes: number
}

/**
 * Decrypts `file` in the stream, hashing the plaintext, and writes the plaintext to `into` when
 * given (a private file, for a tool that reads only files). Fails if the file does not open with
 * `identities` or is damaged.
 */
export async function decryptFile(file: string, identities: readonly string[], into?: string): Promise<Decrypted> {
  const hash = createHash('sha256')
  let sizeBytes = 0
  const counted = new Transform({
    highWaterMark: 1 << 18,
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      sizeBytes += chunk.length
      done(null, chunk)
    }
  })
  const sink = into ? createWriteStream(into, { flags: 'wx', mode: 0o600 }) : sinkStream(() => undefined)
  await pipeline([createReadStream(file, { highWaterMark: 1 << 20 }), decryptStage(identities), counted, sink])
  return { sha256: hash.digest('hex'), sizeBytes }
}
