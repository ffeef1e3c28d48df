/**
 * Time limits for the writes a run must make before it can report (the audit record, the file
 * channel, the job summary, the outputs). A local write takes milliseconds; one that has not ended
 * within the limit is hung (a FIFO without a reader, a dead network mount) and is abandoned.
 */

/** As long as a notification channel gets (5 s), so that a hung write costs a run no more than a hung webhook. */
export const LOCAL_WRITE_LIMIT_MS = 5000

const abandoned: string[] = []

/**
 * The outcome of `work`, or after `ms` an error naming `what` (say, `writing /x/audit.json`). The
 * abandoned work is still pending in Node's thread pool, where nothing can cancel it, and would
 * keep the process alive: the action ends itself once it has reported (endIfWorkAbandoned).
 */
export async function withinTimeLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      abandoned.push(what)
      reject(new Error(`${what} did not finish within ${ms / 1000} s (a hung file system, or a FIFO nothing reads?): abandoned`))
    }, ms)
  })
  // A late failure of abandoned work is no one's to handle.
  work.catch(() => undefined)
  try {
    return await Promise.race([work, limit])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Once the run has reported: a write abandoned at its limit still holds a thread of libuv's pool,
 * and exit() joins those threads, so process.exit() would wait for the hung call forever. The
 * process is then ended by SIGKILL, which waits for nothing (exit status 137: the step is red, and
 * the failure it reported is in the log).
 */
export function endIfWorkAbandoned(): void {
  if (abandoned.length > 0) process.kill(process.pid, 'SIGKILL')
}
