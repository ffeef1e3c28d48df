import { jest } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeAuditRecord } from '../../src/notify/audit.js'
import { sendThrough } from '../../src/notify/index.js'
import { outputsOf } from '../../src/report/outputs.js'
import { buildSummary } from '../../src/report/summary.js'
import { sendNotification } from '../../src/run/send-notification.js'
import { clearSecrets, registerSecret } from '../../src/util/secrets.js'
import { failedReport, notifyConfig, successReport } from '../support/fixtures.js'

/** What leaves the run as a whole (notifications, audit record, summary, outputs) is scrubbed of every known secret. */

const CANARY = 'canary-pw-7f3a'

/** Everything written to stdout while `work` runs. */
async function stdoutOf(work: () => Promise<unknown>): Promise<string> {
  const written: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    written.push(String(chunk))
    return true
  })
  try {
    await work()
  } finally {
    spy.mockRestore()
  }
  return written.join('')
}

describe('the second wall: every serialised report is redacted', () => {
  beforeEach(() => {
    clearSecrets()
    registerSecret(CANARY)
  })
  afterAll(() => clearSecrets())

  // A secret that slipped into the report where no error redaction runs: the host, as a MongoDB
  // URL with a raw "," in its password once put there, and a step's figures.
  const leaky = () => {
    const report = failedReport()
    report.database.host = `backup:${CANARY}@db.internal:27017`
    report.error = `dump failed for ${CANARY}`
    report.steps[0].figures = { database: `mongodb backup:${CANARY}@db.internal` }
    return report
  }

  test('the audit record, the notification file and the console', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'audit-'))
    const report = leaky()
    const log = await stdoutOf(async () => {
      await writeAuditRecord(report, auditDir)
      expect(await sendNotification(report, notifyConfig({ channels: { console: {}, file: {} }, auditDir }))).toEqual([])
    })
    const files = await readdir(auditDir)
    expect(files).toHaveLength(2)
    for (const file of files) {
      const text = await readFile(join(auditDir, file), 'utf8')
      expect(text).toContain('db.internal')
      expect(text).not.toContain(CANARY)
    }
    expect(log).toContain('dump failed for ***')
    expect(log).not.toContain(CANARY)
  })

  test('the outputs and the job summary', () => {
    const report = { ...successReport(), backup: { ...successReport().backup!, uri: `s3://bucket/${CANARY}/shop.dump` } }
    expect(JSON.stringify(outputsOf(report))).not.toContain(CANARY)
    expect(buildSummary(leaky()).stringify()).not.toContain(CANARY)
    expect(buildSummary(leaky()).stringify()).toContain('db.internal')
  })

  test('a failed run logs its failure as a plain line: the run has one error annotation, the one it fails with', async () => {
    const log = await stdoutOf(() => sendNotification(failedReport(), notifyConfig({ channels: { console: {} }, auditDir: '/nowhere' })))
    expect(log).toContain('FAILED: postgresql backup')
    expect(log).not.toContain('::error')
  })
})

describe('a webhook that redirects', () => {
  let server: Server
  let url: string
  const seen: string[] = []

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`)
      request.resume()
      if (request.url === '/hook-token-abc') {
        response.writeHead(302, { location: '/moved/new-token-def' })
        response.end()
      } else {
        response.writeHead(200)
        response.end('ok')
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  test('is never followed: the notification fails naming where it points, without the token', async () => {
    const send = sendThrough('webhook', successReport(), notifyConfig({ channels: { webhook: { url: `${url}/hook-token-abc`, secret: '' } }, auditDir: '' }))
    await expect(send).rejects.toThrow(new RegExp(`HTTP 302 redirecting to ${url.replace(/\./g, '\\.')}/…; redirects are not followed`))
    await expect(send).rejects.not.toThrow(/new-token-def/)
    expect(seen).toEqual(['POST /hook-token-abc'])
  })
})
