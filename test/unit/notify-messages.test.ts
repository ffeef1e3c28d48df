import { Webhook } from 'standardwebhooks'
import { discordPayload, DISCORD_LIMITS } from '../../src/notify/discord.js'
import { emailContent, EMAIL_SUBJECT_LIMIT } from '../../src/notify/email.js'
import { ELLIPSIS, formatBytes, formatDuration, formatRate, messageOf, textReport, truncate } from '../../src/report/format.js'
import { signatureHeaders } from '../../src/notify/signature.js'
import { slackPayload, SLACK_LIMITS } from '../../src/notify/slack.js'
import { teamsPayload, TEAMS_LIMITS } from '../../src/notify/teams.js'
import { telegramPayload, TELEGRAM_TEXT_LIMIT } from '../../src/notify/telegram.js'
import { buildSummary } from '../../src/report/summary.js'
import type { RunReport } from '../../src/report/types.js'
import { failedReport, successReport } from '../support/fixtures.js'

/** A failure whose error is far longer than any service takes, with markup characters in it. */
function longFailure(length = 20_000): RunReport {
  const report = failedReport()
  const error = `pg_dump: error: <server> & "client" disagree ${'x'.repeat(length)} END-OF-ERROR`
  return { ...report, error, steps: report.steps.map((step) => (step.error ? { ...step, error } : step)) }
}

type Block = { type: string; text?: { type: string; text: string }; fields?: { type: string; text: string }[]; elements?: { text: string }[] }

describe('human units', () => {
  test.each([
    [0, '0 B'],
    [999, '999 B'],
    [123456, '123.5 kB'],
    [4_115_200, '4.12 MB'],
    [52_400_000_000, '52.4 GB']
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  test('rates and durations', () => {
    expect(formatRate(4_115_200)).toBe('4.12 MB/s')
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(4200)).toBe('4.2 s')
    expect(formatDuration(125_000)).toBe('2 min 5 s')
    expect(formatDuration(3_720_000)).toBe('1 h 2 min')
  })

  test('the job summary shows sizes and throughput in human units beside the exact figures', () => {
    const report = successReport()
    const upload = report.steps.find((step) => step.name === 'upload-to-storage')
    if (upload) upload.figures['bytes per second'] = 4_115_200
    const html = buildSummary(report).stringify()
    expect(html).toContain('size bytes: 123456 (123.5 kB)')
    expect(html).toContain('bytes per second: 4115200 (4.12 MB/s)')
    expect(html).toContain('.dump, 123.5 kB (123456 bytes)')
    expect(html).toContain('archive entries: 42<')
  })
})

describe('truncate', () => {
  test('cuts to the limit with an ellipsis, and leaves short text alone', () => {
    expect(truncate('abcdef', 4)).toBe(`abc${ELLIPSIS}`)
    expect(truncate('abcdef', 6)).toBe('abcdef')
  })

  test('never splits a character made of two UTF-16 units', () => {
    const cut = truncate('ab😀cd', 4)
    expect(cut).toBe(`ab${ELLIPSIS}`)
    expect(cut.length).toBeLessThanOrEqual(4)
  })
})

describe('the message every channel shares', () => {
  test('a success names the database, storage, size in human units, duration and the run', () => {
    const message = messageOf(successReport())
    expect(message.title).toBe('Database backup SUCCESS: shop')
    expect(message.fields).toEqual(
      expect.arrayContaining([
        { label: 'Database', value: 'postgresql "shop" at db.internal:5432' },
        { label: 'Storage', value: 'file:///backups/shop-20261126T030405Z-0123abcd.dump' },
        { label: 'Size', value: '123.5 kB (123456 bytes)' },
        { label: 'Duration', value: '4.0 s' }
      ])
    )
    expect(message.runUrl).toBe('https://github.com/octo/app/actions/runs/99')
    expect(message.error).toBe('')
  })

  test('a failure names the failed step and its error', () => {
    const message = messageOf(failedReport())
    expect(message.fields).toContainEqual({ label: 'Failed step', value: 'take-snapshot' })
    expect(message.error).toMatch(/password authentication failed/)
    expect(textReport(failedReport())).toMatch(/^Database backup FAILED: shop\n[\s\S]*Error: pg_dump exited with code 1[\s\S]*take-snapshot: failed/)
  })
})

describe('Slack (Block Kit)', () => {
  test('a header with the status, fields, the error and a link to the run', () => {
    const payload = slackPayload(failedReport()) as { text: string; blocks: Block[] }
    expect(payload.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: expect.stringContaining('FAILED') } })
    const fields = payload.blocks[1].fields ?? []
    expect(fields.map((field) => field.text)).toContain('*Failed step*\ntake-snapshot')
    const error = payload.blocks.find((block) => block.type === 'section' && block.text?.text.startsWith('*Error*'))
    // mrkdwn: <, > and & escaped, so an error cannot inject a link or a mention.
    expect(error?.text?.text).toContain('&lt;password authentication failed&gt;')
    expect(payload.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '<https://github.com/octo/app/actions/runs/99|View the workflow run>' }] })
    expect(payload.text).toMatch(/FAILED/)
  })

  test('a long error is truncated to the documented limits, not rejected', () => {
    const payload = slackPayload(longFailure()) as { text: string; blocks: Block[] }
    expect(payload.blocks.length).toBeLessThanOrEqual(50)
    expect((payload.blocks[0].text?.text ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.header)
    for (const block of payload.blocks) {
      if (block.text && block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText)
      expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields)
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText)
    }
    const error = payload.blocks.find((block) => block.text?.text.startsWith('*Error*'))?.text?.text ?? ''
    expect(error).toContain(`${ELLIPSIS}\`\`\``)
    expect(error).not.toContain('END-OF-ERROR')
    expect(error).not.toMatch(/&[a-z]*…/) // never cut inside an entity
    expect(payload.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText)
  })
})

describe('Discord (embed)', () => {
  test('green on success, red on failure, with the same fields', () => {
    const ok = discordPayload(successReport()) as { embeds: { color: number; title: string; fields: { name: string; value: string }[]; url: string }[]; allowed_mentions: unknown }
    const failed = discordPayload(failedReport()) as { embeds: { color: number; description: string; fields: { name: string; value: string }[] }[] }
    expect(ok.embeds[0].color).toBe(0x2ea043)
    expect(failed.embeds[0].color).toBe(0xd1242f)
    expect(ok.embeds[0].title).toBe('Database backup SUCCESS: shop')
    expect(ok.embeds[0].url).toBe('https://github.com/octo/app/actions/runs/99')
    expect(ok.embeds[0].fields).toContainEqual(expect.objectContaining({ name: 'Size', value: '123.5 kB (123456 bytes)' }))
    expect(failed.embeds[0].fields).toContainEqual(expect.objectContaining({ name: 'Failed step', value: 'take-snapshot' }))
    expect(failed.embeds[0].description).toMatch(/password authentication failed/)
    expect(ok.allowed_mentions).toEqual({ parse: [] })
  })

  test('a long error is truncated so the embed keeps every documented limit, 6,000 characters in all', () => {
    const embed = (discordPayload(longFailure()) as { embeds: { title: string; description: string; fields: { name: string; value: string }[] }[] }).embeds[0]
    expect(embed.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title)
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description)
    expect(embed.description.endsWith(ELLIPSIS)).toBe(true)
    expect(embed.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields)
    for (const field of embed.fields) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName)
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue)
      expect(field.value.length).toBeGreaterThan(0)
    }
    const total = embed.title.length + embed.description.length + embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total)
  })
})

describe('Teams (Adaptive Card for a Workflows webhook)', () => {
  test('a message with one Adaptive Card attachment: title, facts, error, link', () => {
    const payload = teamsPayload(failedReport()) as {
      type: string
      attachments: { contentType: string; content: { type: string; version: string; body: { type: string; text?: string; color?: string; facts?: { title: string; value: string }[] }[]; actions: { type: string; url: string }[] } }[]
    }
    expect(payload.type).toBe('message')
    expect(payload.attachments).toHaveLength(1)
    const { contentType, content } = payload.attachments[0]
    expect(contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' })
    expect(content.body[0]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: 'Database backup FAILED: shop' })
    expect(content.body.find((block) => block.type === 'FactSet')?.facts).toContainEqual({ title: 'Failed step', value: 'take-snapshot' })
    expect(content.body.some((block) => block.text?.includes('password authentication failed'))).toBe(true)
    expect(content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'View the workflow run', url: 'https://github.com/octo/app/actions/runs/99' }])
    expect((teamsPayload(successReport()) as typeof payload).attachments[0].content.body[0].color).toBe('Good')
  })

  test('a long error is truncated and the card stays inside the 28 KB a message may hold', () => {
    const payload = teamsPayload(longFailure(100_000))
    const text = JSON.stringify(payload)
    expect(Buffer.byteLength(text)).toBeLessThan(28_000)
    expect(text).toContain(ELLIPSIS)
    expect(text).not.toContain('END-OF-ERROR')
  })

  test('an error that JSON escaping or UTF-8 makes many bytes per character still fits the 28 KB', () => {
    // A tool's stderr with control characters (6 bytes each as \u0001), quotes and non-Latin text (3 bytes each).
    const report = failedReport()
    const payload = teamsPayload({ ...report, error: `pg_dump: ${'\u0001"漢'.repeat(5000)} END-OF-ERROR` })
    const text = JSON.stringify(payload)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(TEAMS_LIMITS.total)
    const error = (payload as { attachments: { content: { body: { text?: string }[] } }[] }).attachments[0].content.body.at(-1)?.text ?? ''
    expect(error.startsWith('pg_dump: \u0001"漢')).toBe(true)
    expect(error.endsWith(ELLIPSIS)).toBe(true)
    // Cut to fit, not emptied: the start of the error is what the reader needs.
    expect(error.length).toBeGreaterThan(2000)
  })
})

describe('Telegram (sendMessage)', () => {
  test('plain text to the chat, truncated to 4,096 characters', () => {
    const payload = telegramPayload(longFailure(), '-1001234567890') as { chat_id: string; text: string; parse_mode?: string }
    expect(payload.chat_id).toBe('-1001234567890')
    expect(payload.parse_mode).toBeUndefined()
    expect(payload.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT)
    expect(payload.text.endsWith(ELLIPSIS)).toBe(true)
    expect(payload.text).toMatch(/^❌ Database backup FAILED: shop/)
  })
})

describe('email', () => {
  test('a subject, a plain-text body and an escaped HTML body', () => {
    const mail = emailContent(failedReport())
    expect(mail.subject).toBe('Database backup FAILED: shop (failed in take-snapshot)')
    expect(mail.text).toContain('Failed step: take-snapshot')
    expect(mail.text).toContain('<password authentication failed>')
    expect(mail.html).toContain('&lt;password authentication failed&gt;')
    expect(mail.html).not.toContain('<password')
    expect(mail.html).toContain('<a href="https://github.com/octo/app/actions/runs/99">')
  })

  test('a long backup name does not make an endless subject', () => {
    const mail = emailContent({ ...failedReport(), backupName: 'n'.repeat(500) })
    expect(mail.subject.length).toBeLessThanOrEqual(EMAIL_SUBJECT_LIMIT)
  })
})

describe('Standard Webhooks signature', () => {
  const body = JSON.stringify(successReport())

  test('a whsec_ secret: the standardwebhooks package verifies the headers', () => {
    const secret = `whsec_${Buffer.from('a-signing-key-of-32-bytes-length').toString('base64')}`
    const headers = signatureHeaders(secret, body)
    expect(headers['webhook-id']).toMatch(/^msg_/)
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body))
  })

  test('a raw secret is used as its bytes', () => {
    const headers = signatureHeaders('raw-shared-secret-123', body)
    expect(new Webhook('raw-shared-secret-123', { format: 'raw' }).verify(body, headers)).toEqual(JSON.parse(body))
  })

  test('a changed body, another secret or an old timestamp fails verification', () => {
    const secret = `whsec_${Buffer.from('another-signing-key-32-bytes-xx').toString('base64')}`
    const headers = signatureHeaders(secret, body)
    expect(() => new Webhook(secret).verify(body.replace('SUCCESS', 'FAILED'), headers)).toThrow(/No matching signature/)
    expect(() => new Webhook(`whsec_${Buffer.from('not-the-key').toString('base64')}`).verify(body, headers)).toThrow(/No matching signature/)
    const old = signatureHeaders(secret, body, 'msg_1', Math.floor(Date.now() / 1000) - 3600)
    expect(() => new Webhook(secret).verify(body, old)).toThrow(/too old/)
  })
})
