#!/usr/bin/env node
// Refreshes src/tools/checksums.json, the SHA-256 of every dump-client archive the action
// pins, from each publisher's own checksum file or feed, over https. Needs internet (it cannot run
// on a machine without it); run it when a release constant in src/engines/*/client.ts changes, then
// review the diff and commit it.
//
//   node scripts/refresh-client-checksums.mjs          rewrite the table
//   node scripts/refresh-client-checksums.mjs --check  exit 1 if the table differs from the publishers
//
// A published archive never changes: a digest that differs from the one already pinned for the
// same file stops the script, naming it, for a person to look into (--accept-changed overrides).

import { readFile, writeFile } from 'node:fs/promises'

const TABLE = new URL('../src/tools/checksums.json', import.meta.url)
const ENGINES = new URL('../src/engines/', import.meta.url)
const HEX = /^[0-9a-f]{64}$/

const POSTGRESQL_BASE = 'https://github.com/theseus-rs/postgresql-binaries/releases/download'
const MARIADB_BASE = 'https://archive.mariadb.org'
const MONGODB_FEED = 'https://downloads.mongodb.org/tools/db/full.json'
const REDIS_HASHES = 'https://raw.githubusercontent.com/redis/redis-hashes/master/README'

const args = new Set(process.argv.slice(2))

/** The text of a URL, over https from end to end (a redirect to http is refused); undefined for 404. */
async function fetchText(url) {
  if (!url.startsWith('https://')) throw new Error(`${url} is not https`)
  const response = await fetch(url, { redirect: 'follow' })
  if (!response.url.startsWith('https://')) throw new Error(`${url} redirected to ${response.url}, which is not https`)
  if (response.status === 404) return undefined
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.text()
}

async function clientSource(name) {
  return readFile(new URL(`${name}/client.ts`, ENGINES), 'utf8')
}

/** `export const NAME = 'value'` in a client's source. */
function constant(text, name) {
  const match = new RegExp(`export const ${name} = '([^']+)'`).exec(text)
  if (!match) throw new Error(`cannot find ${name} in src/tools/clients: update this script with the source`)
  return match[1]
}

/** The quoted strings in the object literal assigned to NAME (`const NAME... = { ... }`). */
function objectStrings(text, name) {
  const match = new RegExp(`${name}[^=]*=\\s*\\{([^}]*)\\}`).exec(text)
  if (!match) throw new Error(`cannot find ${name} in src/tools/clients: update this script with the source`)
  return [...match[1].matchAll(/:\s*'([^']+)'/g)].map((found) => found[1])
}

/** A digest from `<hex>  <name>` lines (sha256sum) or a bare digest. */
function digestFor(text, file) {
  for (const line of text.split(/\r?\n/).map((part) => part.trim()).filter(Boolean)) {
    const [digest, name] = line.split(/\s+\*?/)
    if (HEX.test(digest.toLowerCase()) && (name === undefined || name === file || name.endsWith(`/${file}`))) return digest.toLowerCase()
  }
  return undefined
}

const versionsIn = (table, tool) => Object.values(table[tool] ?? {}).map((pin) => pin.version)
const unique = (values) => [...new Set(values)]

async function postgresql(table) {
  const text = await clientSource('postgresql')
  const versions = unique([...objectStrings(text, 'POSTGRESQL_RELEASES'), ...versionsIn(table, 'postgresql-client')])
  const targets = objectStrings(text, 'TARGETS')
  const pins = {}
  for (const version of versions) {
    for (const target of targets) {
      const file = `postgresql-${version}-${target}.tar.gz`
      const source = `${POSTGRESQL_BASE}/${version}/${file}.sha256`
      const checksums = await fetchText(source)
      if (checksums === undefined) {
        console.warn(`no ${file} is published (${source}: 404)`)
        continue
      }
      const sha256 = digestFor(checksums, file)
      if (!sha256) throw new Error(`${source} holds no SHA-256 for ${file}`)
      pins[file] = { version, sha256, source }
    }
  }
  return pins
}

async function mariadb(table) {
  const versions = unique([constant(await clientSource('mysql'), 'MARIADB_RELEASE'), ...versionsIn(table, 'mariadb-client')])
  const pins = {}
  for (const version of versions) {
    const file = `mariadb-${version}-linux-systemd-x86_64.tar.gz`
    const source = `${MARIADB_BASE}/mariadb-${version}/bintar-linux-systemd-x86_64/sha256sums.txt`
    const checksums = await fetchText(source)
    const sha256 = checksums && digestFor(checksums, file)
    if (!sha256) throw new Error(`${source} holds no SHA-256 for ${file}`)
    pins[file] = { version, sha256, source }
  }
  return pins
}

async function mongodb(table) {
  const versions = unique([constant(await clientSource('mongodb'), 'MONGODB_TOOLS_RELEASE'), ...versionsIn(table, 'mongodb-database-tools')])
  const feed = JSON.parse((await fetchText(MONGODB_FEED)) ?? 'null')
  const pins = {}
  for (const version of versions) {
    const release = feed?.versions?.find((entry) => entry.version === version)
    if (!release) throw new Error(`${MONGODB_FEED} lists no Database Tools ${version}`)
    for (const download of release.downloads ?? []) {
      const url = download.archive?.url ?? ''
      const sha256 = (download.archive?.sha256 ?? '').toLowerCase()
      const file = url.split('/').pop()
      if (!/\.(tgz|zip)$/.test(file ?? '')) continue
      if (!url.startsWith('https://') || !HEX.test(sha256)) throw new Error(`${MONGODB_FEED}: ${version} ${download.name}/${download.arch} has no https URL and SHA-256`)
      pins[file] = { version, sha256, source: MONGODB_FEED }
    }
  }
  return pins
}

async function redis() {
  const text = await fetchText(REDIS_HASHES)
  if (!text) throw new Error(`${REDIS_HASHES}: 404`)
  const pins = {}
  for (const line of text.split('\n')) {
    const [word, file, algorithm, digest] = line.trim().split(/\s+/)
    const version = /^redis-(\d+\.\d+\.\d+)\.tar\.gz$/.exec(file ?? '')?.[1]
    if (word !== 'hash' || algorithm !== 'sha256' || !version || !HEX.test((digest ?? '').toLowerCase())) continue
    if (pins[file] && pins[file].sha256 !== digest.toLowerCase()) throw new Error(`${REDIS_HASHES} lists two SHA-256 for ${file}`)
    pins[file] = { version, sha256: digest.toLowerCase(), source: REDIS_HASHES }
  }
  return pins
}

const byVersion = (entries) => Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })))

const current = JSON.parse(await readFile(TABLE, 'utf8'))
const fetched = {
  'postgresql-client': await postgresql(current),
  'mariadb-client': await mariadb(current),
  'mongodb-database-tools': await mongodb(current),
  'redis-cli': await redis()
}

const changed = []
const next = {}
for (const [tool, pins] of Object.entries(fetched)) {
  const merged = { ...pins }
  for (const [file, pin] of Object.entries(current[tool] ?? {})) {
    if (!merged[file]) {
      console.warn(`${tool} ${file} is no longer listed by its publisher: kept as pinned`)
      merged[file] = pin
    } else if (merged[file].sha256 !== pin.sha256) {
      changed.push(`${tool} ${file}: pinned ${pin.sha256}, the publisher now lists ${merged[file].sha256} (${merged[file].source})`)
    }
  }
  next[tool] = byVersion(merged)
}

const text = `${JSON.stringify(next, null, 2)}\n`
if (args.has('--check')) {
  const same = text === `${JSON.stringify(current, null, 2)}\n`
  for (const line of changed) console.error(line)
  console.log(same ? 'the pinned table matches the publishers' : 'the pinned table differs from the publishers: run node scripts/refresh-client-checksums.mjs')
  process.exit(same ? 0 : 1)
}
if (changed.length > 0 && !args.has('--accept-changed')) {
  for (const line of changed) console.error(line)
  console.error('a published archive changed its SHA-256: nothing was written. Find out why before pinning the new value (--accept-changed)')
  process.exit(1)
}
await writeFile(TABLE, text)
const counts = Object.entries(next).map(([tool, pins]) => `${tool}: ${Object.keys(pins).length}`)
console.log(`wrote ${TABLE.pathname} (${counts.join(', ')})`)
