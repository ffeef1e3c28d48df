import { mkdtemp, readFile, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'
import { runOk } from './run.js'

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
  /** Whether the session was encrypted (STARTTLS) when the message came. */
  secure: boolean
  user: string
}

export interface SmtpServer {
  host: string
  port: number
  user: string
  password: string
  /** The server's self-signed certificate (PEM), for a client to trust. */
  cert: string
  /** The certificate as a file, for NODE_EXTRA_CA_CERTS. */
  certFile: string
  messages: ReceivedMail[]
  close(): Promise<void>
}

/** A self-signed certificate for 127.0.0.1 and localhost, made for this test run. */
async function selfSigned(dir: string): Promise<{ key: string; cert: string; certFile: string }> {
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  await runOk('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', keyFile, '-out', certFile
  ])
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile }
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 that offers STARTTLS, takes a
 * password only over TLS, rejects mail to any address at reject.example, and keeps what it accepts.
 * With `noStartTls` it has no STARTTLS at all, and takes a password in clear, as a careless server would;
 * with `implicitTls` it speaks TLS from the first byte (smtps://, port 465 in real life); with
 * `authOptional` it takes mail from a client that does not log in, as a relay inside a network does.
 */
export async function startSmtpServer(options: { noStartTls?: boolean; implicitTls?: boolean; authOptional?: boolean } = {}): Promise<SmtpServer> {
  const dir = await mkdtemp(join(tmpdir(), 'smtp-test-'))
  const { key, cert, certFile } = await selfSigned(dir)
  const user = 'mailer'
  const password = `smtp-pw-${Math.random().toString(36).slice(2)}:/@S3cret`
  const messages: ReceivedMail[] = []
  const server = new SMTPServer({
    key,
    cert,
    ...(options.noStartTls ? { disabledCommands: ['STARTTLS'], allowInsecureAuth: true } : {}),
    ...(options.implicitTls ? { secure: true } : {}),
    ...(options.authOptional ? { authOptional: true } : {}),
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user })
      else callback(new Error('535 authentication failed'))
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@reject.example')) callback(Object.assign(new Error('no such mailbox here'), { responseCode: 550 }))
      else callback()
    },
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()))
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          secure: session.secure,
          user: String(session.user ?? '')
        })
        callback()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    cert,
    certFile,
    messages,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/** smtp://user:pass@host:port (or smtps://), the password percent-encoded as a URL needs it. */
export function smtpUrl(server: SmtpServer, scheme: 'smtp' | 'smtps' = 'smtp'): string {
  return `${scheme}://${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}@${server.host}:${server.port}`
}

/** A MIME part's text, quoted-printable decoded (nodemailer wraps long lines as =\r\n). */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}
