import { readFile } from 'node:fs/promises'
import { Outputs } from '../../src/constants.js'
import { BACKUP_INPUTS } from '../../src/run/inputs.js'
import { outputsOf } from '../../src/report/outputs.js'
import { buildSummary } from '../../src/report/summary.js'
import { failedReport, successReport } from '../support/fixtures.js'

describe('outputs', () => {
  test('every output of the contract is set from a successful run', () => {
    const outputs = outputsOf(successReport())
    expect(Object.keys(outputs).sort()).toEqual(Object.values(Outputs).sort())
    expect(outputs).toMatchObject({
      status: 'SUCCESS',
      'failed-step': '',
      'backup-key': 'shop-20261126T030405Z-0123abcd.dump',
      'size-bytes': '123456',
      'deleted-count': '2',
      'freed-bytes': '2048',
      'throughput-bytes-per-second': '4115200',
      'duration-ms': '4000'
    })
  })

  test('a failed run reports FAILED and the step, and leaves backup figures empty rather than invented', () => {
    const outputs = outputsOf(failedReport())
    expect(outputs.status).toBe('FAILED')
    expect(outputs['failed-step']).toBe('take-snapshot')
    for (const name of ['backup-uri', 'sha256', 'size-bytes', 'etag', 'deleted-count', 'freed-bytes']) expect(outputs[name]).toBe('')
  })
})

describe('job summary', () => {
  test('has a row per step with status, duration and figures', () => {
    const html = buildSummary(successReport()).stringify()
    expect(html).toContain('Database backup: SUCCESS')
    for (const step of ['validate-config', 'take-snapshot', 'verify-integrity', 'upload-to-storage', 'cleanup-old-backups', 'send-notification']) {
      expect(html).toContain(`<td>${step}</td>`)
    }
    expect(html).toContain('1.2 s')
    expect(html).toContain('client: pg_dump 17.2')
    expect(html).toContain('https://github.com/octo/app/actions/runs/99')
  })

  test('shows the error of the failed step, escaped, and the skipped steps', () => {
    const html = buildSummary(failedReport()).stringify()
    expect(html).toContain('Database backup: FAILED')
    expect(html).toContain('<strong>pg_dump exited with code 1: &lt;password authentication failed&gt;</strong>')
    expect(html).not.toContain('<password')
    expect(html.match(/skipped/g)?.length).toBe(3)
  })
})

describe('action.yml', () => {
  test('declares every input and output of the contract, and runs on node24 from dist/', async () => {
    const text = await readFile('action.yml', 'utf8')
    const declared = (section: string): string[] => {
      const body = text.split(new RegExp(`^${section}:\\n`, 'm'))[1]?.split(/^\S/m)[0] ?? ''
      return [...body.matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((match) => match[1])
    }
    expect(declared('inputs').sort()).toEqual([...BACKUP_INPUTS].sort())
    expect(declared('outputs').sort()).toEqual(Object.values(Outputs).sort())
    expect(text).toMatch(/using: 'node24'/)
    expect(text).toMatch(/main: 'dist\/index\.js'/)
  })
})
