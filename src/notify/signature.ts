import { createHmac, randomUUID } from 'node:crypto'

/**
 * Standard Webhooks (standardwebhooks.com) headers for one delivery: `webhook-signature` is
 * `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed by the secret's bytes (the base64
 * after `whsec_`, else the secret as UTF-8). The receiver rejects a replayed or forged report.
 */
export function signatureHeaders(secret: string, body: string, id = `msg_${randomUUID()}`, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8')
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` }
}
