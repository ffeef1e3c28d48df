import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Keeps the action's own memory bounded whatever the size of what streams through it. A stream's
 * chunks live outside V8's heap, and V8 frees the spent ones only when it collects garbage, which
 * it lets wait until about 64 MB of them have piled up: a restore-check, which reads a dump
 * through the action three times, peaked at 158 MB where the live data is a few chunks. So the
 * buffers are watched, and a collection runs once they have grown by SPENT_BYTES over what the
 * last one kept: a scavenge first (the chunks die young), a full collection if that was not
 * enough. The gc function is the one node's --expose-gc gives, taken from a new context (as
 * jest's leak detector does) because the flag is set after the main context was made.
 */

const SPENT_BYTES = 16 * 1024 * 1024
/** At the speed of a local disk (a few hundred MB/s), a check every 50 ms lets a few more MB through. */
const CHECK_MS = 50

type Collect = (options: { type: 'minor' | 'major' }) => void

/** Starts watching; the returned function stops it. */
export function collectSpentBuffers(): () => void {
  setFlagsFromString('--expose-gc')
  const collect = runInNewContext('gc') as Collect
  const held = (): number => process.memoryUsage().arrayBuffers
  let kept = held()
  const timer = setInterval(() => {
    if (held() < kept + SPENT_BYTES) return
    collect({ type: 'minor' })
    if (held() >= kept + SPENT_BYTES / 2) collect({ type: 'major' })
    kept = held()
  }, CHECK_MS)
  timer.unref()
  return () => clearInterval(timer)
}
