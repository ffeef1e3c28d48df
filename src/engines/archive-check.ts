import type { Engine, Figures, VerifyRequest } from './types.js'

/** An empty or implausibly small dump is a failed dump, whatever its format says. */
export function checkSize(engine: Engine, request: VerifyRequest, sizeBytes: number): Figures {
  if (sizeBytes < engine.minimumSizeBytes) {
    throw new Error(
      `the dump is ${sizeBytes} bytes, less than the ${engine.minimumSizeBytes} bytes even an empty ${request.database.type} dump takes: the dump failed`
    )
  }
  return {}
}

/** The size sanity check and the engine's own check of a dump file: for a new backup, and for one about to be restored. */
export async function checkArchive(engine: Engine, request: VerifyRequest, sizeBytes: number): Promise<Figures> {
  checkSize(engine, request, sizeBytes)
  return engine.verify(request)
}
