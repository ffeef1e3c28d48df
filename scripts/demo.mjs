// The local demo: a throwaway PostgreSQL with sample data on a free port, the action's bundle run
// exactly as a runner runs it (INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), backups
// kept in ./demo-output/backups. Run it twice to see retention at work.
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const outDir = join(root, 'demo-output')
const isRoot = process.getuid?.() === 0

function pgBinDir() {
  const base = '/usr/lib/postgresql'
  const majors = existsSync(base) ? readdirSync(base).filter((name) => /^\d+$/.test(name)).sort((a, b) => b - a) : []
  const major = majors.find((name) => existsSync(join(base, name, 'bin', 'initdb')))
  if (!major) throw new Error('no PostgreSQL server under /usr/lib/postgresql: run bash scripts/setup.sh')
  return join(base, major, 'bin')
}

async function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => done(port))
    })
  })
}

function asServerUser(command, args) {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'inherit'] })
}

const bin = pgBinDir()
const dir = mkdtempSync(join(tmpdir(), 'backup-demo-pg-'))
const password = `demo-${Math.random().toString(36).slice(2)}`
const port = await freePort()
writeFileSync(join(dir, 'pwfile'), `${password}\n`)
if (isRoot) {
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim())
  chownSync(dir, id('-u'), id('-g'))
  chownSync(join(dir, 'pwfile'), id('-u'), id('-g'))
}

let exitCode = 1
try {
  console.log(`demo: starting a throwaway PostgreSQL (${bin}) on 127.0.0.1:${port}`)
  asServerUser(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'demo', `--pwfile=${join(dir, 'pwfile')}`, '--auth=scram-sha-256', '--locale=C'])
  asServerUser(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`, 'start'])
  const psql = (database, sql) =>
    execFileSync(join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'demo', '-d', database, '-c', sql], {
      env: { ...process.env, PGPASSWORD: password }
    })
  psql('postgres', 'CREATE DATABASE shop')
  psql(
    'shop',
    `CREATE TABLE customers (id serial PRIMARY KEY, name text, email text);
     CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(10,2));
     INSERT INTO customers (name, email) SELECT 'customer ' || g, 'c' || g || '@example.test' FROM generate_series(1, 1000) g;
     INSERT INTO orders (customer_id, total) SELECT 1 + g % 1000, g * 0.5 FROM generate_series(1, 20000) g;`
  )
  console.log('demo: seeded database "shop" (1,000 customers, 20,000 orders)\n')

  mkdirSync(outDir, { recursive: true })
  const runnerTemp = mkdtempSync(join(tmpdir(), 'backup-demo-runner-'))
  const outputFile = join(runnerTemp, 'output')
  const summaryFile = join(runnerTemp, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const inputs = {
    'db-type': 'postgresql',
    'db-host': '127.0.0.1',
    'db-port': String(port),
    'db-name': 'shop',
    'db-user': 'demo',
    'db-password': password,
    'storage-type': 'local',
    path: join(outDir, 'backups'),
    'audit-dir': join(outDir, 'audit'),
    'max-backups': '3'
  }
  const env = { ...process.env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: runnerTemp }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const run = spawnSync(process.execPath, [join(root, 'dist', 'index.js')], { env, stdio: 'inherit' })
  exitCode = run.status ?? 1

  console.log('\n===== outputs =====')
  const outputs = readFileSync(outputFile, 'utf8').matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)
  for (const [, name, , value] of outputs) console.log(`${name.padEnd(28)} ${value}`)
  console.log('\n===== job summary (as text) =====')
  const summary = readFileSync(summaryFile, 'utf8')
    .replace(/<\/t[hd]>\s*<t[hd]>/g, ' | ')
    .replace(/<br>/g, '; ')
    .replace(/<\/tr>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n')
  console.log(summary.trim())
  console.log(`\nBackups in ${join(outDir, 'backups')}: ${readdirSync(join(outDir, 'backups')).join(', ')}`)
  rmSync(runnerTemp, { recursive: true, force: true })
} finally {
  try {
    asServerUser(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'])
  } catch {
    // The server may not have started.
  }
  rmSync(dir, { recursive: true, force: true })
}
process.exit(exitCode)
