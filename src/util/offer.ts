import type { Writable } from 'node:stream'

/** Writes to a reader with its backpressure; once the reader has gone (failed or exited), writes nothing. */
export async function offer(stream: Writable, chunk: Buffer): Promise<void> {
  if (stream.destroyed || stream.write(chunk)) return
  await new Promise<void>((resolve) => {
    const settle = (): void => {
      stream.off('drain', settle)
      stream.off('close', settle)
      resolve()
    }
    stream.once('drain', settle)
    stream.once('close', settle)
  })
}
