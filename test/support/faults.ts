import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedShop, startPostgres, type PostgresServer } from './postgres.js'
import { startS3rver, type S3Emulator } from './s3rver.js'
import { waitUntil } from './runner.js'
import { startWebhookReceiver, type WebhookReceiver } from './webhook.js'

/** What the fault tests back up to and report to. */
export interface FaultServers {
  server: PostgresServer
  s3: S3Emulator
  webhook: WebhookReceiver
  /** The action's environment: s3rver's credentials, and the slow tools (if any) first on PATH. */
  env(binDir?: string, extra?: Record<string, string>): Record<string, string>
  stop(): Promise<void>
}

/**
 * PostgreSQL with the shop database and about 13 MB of dump more (a multipart upload of 5 MiB
 * parts, still in flight when a test interrupts it), s3rver with `bucket`, a webhook receiver.
 */
export async function startFaultServers(bucket: string): Promise<FaultServers> {
  const [server, s3, webhook] = await Promise.all([startPostgres(), startS3rver([bucket]), startWebhookReceiver()])
  await seedShop(server, 'shop')
  await server.sql('shop', `CREATE TABLE bulk AS SELECT g AS id, md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text) || md5(random()::text) AS body FROM generate_series(1, 200000) g`)
  return {
    server,
    s3,
    webhook,
    env: (binDir, extra = {}) => ({ ...s3.env, ...extra, PATH: [binDir, server.binDir, process.env.PATH].filter(Boolean).join(':') }),
    async stop() {
      await webhook.close()
      await s3.stop()
      await server.stop()
    }
  }
}

export interface SlowTools {
  /** To put first on PATH. */
  binDir: string
  /** The pid of the slow invocation of `program`, once it has started. */
  started(program: string): Promise<number>
  /** That invocation's environment, as the kernel held it (/proc/<pid>/environ). */
  environ(program: string): Promise<string>
}

/**
 * Wrappers for the PostgreSQL client programs in `realBinDir` that exec the real program at once,
 * except for the invocation whose arguments contain `programs[name]`: that one records its pid
 * and environment, then sleeps first (a dump or a check that takes a while). The paths are
 * written into the scripts: the action passes its children no variables of its own.
 */
export async function slowTools(realBinDir: string, programs: Record<string, string>): Promise<SlowTools> {
  const binDir = await mkdtemp(join(tmpdir(), 'slow-tools-'))
  const marks = await mkdtemp(join(tmpdir(), 'slow-marks-'))
  for (const [program, slowWhen] of Object.entries(programs)) {
    await writeFile(
      join(binDir, program),
      `#!/bin/sh\ncase "$*" in *'${slowWhen}'*)\n  cat /proc/$$/environ > '${marks}/${program}.environ'\n  echo $$ > '${marks}/${program}.pid'\n  sleep 60\nesac\nexec '${join(realBinDir, program)}' "$@"\n`
    )
    await chmod(join(binDir, program), 0o755)
  }
  return {
    binDir,
    started: async (program) =>
      Number(await waitUntil(async () => (await readFile(join(marks, `${program}.pid`), 'utf8').catch(() => '')).trim() || undefined, `${program} to start`)),
    environ: (program) => readFile(join(marks, `${program}.environ`), 'latin1')
  }
}
