import { chmod, mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkManifest, manifestPath, writeManifest } from '../../src/tools/install-manifest.js'

/**
 * The tool-cache manifest on real files: written at install, and any change to the installed
 * tree (a file added, changed, re-moded, re-linked or removed) or to the manifest's own
 * protection makes the entry fail its check, naming what differed.
 */

let toolCache: string
let root: string
const record = { tool: 'postgresql-client', version: '15.99.0', arch: process.arch, archiveSha256: 'a'.repeat(64), trust: 'pinned' as const, checksumSource: 'test' }
const check = () => checkManifest(toolCache, root, record.tool, record.version, record.arch)

beforeEach(async () => {
  toolCache = await mkdtemp(join(tmpdir(), 'manifest-tool-cache-'))
  root = join(toolCache, record.tool, record.version, record.arch)
  await mkdir(join(root, 'bin'), { recursive: true })
  await mkdir(join(root, 'lib'), { recursive: true })
  await writeFile(join(root, 'bin', 'pg_dump'), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  await writeFile(join(root, 'lib', 'libpq.so.5.15'), 'library')
  await symlink('libpq.so.5.15', join(root, 'lib', 'libpq.so.5'))
  await writeManifest(toolCache, root, record)
})

test('an unchanged tree passes, and the manifest says what it was installed from', async () => {
  expect(await check()).toMatchObject({ ok: true, manifest: { trust: 'pinned', files: [{ path: 'bin/pg_dump' }, { path: 'lib/libpq.so.5', type: 'symlink', target: 'libpq.so.5.15' }, { path: 'lib/libpq.so.5.15' }] } })
})

test('a file added beside the client (a library it would load) fails the check', async () => {
  await writeFile(join(root, 'lib', 'libevil.so'), 'x')
  expect(await check()).toEqual({ ok: false, reason: 'its files differ from its manifest: lib/libevil.so: not installed by this action' })
})

test('a changed file, mode or link target, and a missing file, are each named', async () => {
  await writeFile(join(root, 'bin', 'pg_dump'), '#!/bin/sh\nexit 1\n')
  await chmod(join(root, 'lib', 'libpq.so.5.15'), 0o777)
  await unlink(join(root, 'lib', 'libpq.so.5'))
  await symlink('/tmp/elsewhere.so', join(root, 'lib', 'libpq.so.5'))
  const result = await check()
  expect(result.ok).toBe(false)
  const reason = result.ok ? '' : result.reason
  expect(reason).toMatch(/bin\/pg_dump: SHA-256 [0-9a-f]{64}, recorded [0-9a-f]{64}/)
  expect(reason).toMatch(/lib\/libpq\.so\.5\.15: mode 777, recorded \d+/)
  expect(reason).toContain('lib/libpq.so.5: links to /tmp/elsewhere.so, recorded libpq.so.5.15')
  await rm(join(root, 'bin', 'pg_dump'))
  expect(await check()).toMatchObject({ ok: false, reason: expect.stringContaining('bin/pg_dump: missing') })
})

test('an entry without a manifest, or whose manifest others could have written, fails the check', async () => {
  const path = manifestPath(toolCache, record.tool, record.version, record.arch)
  await chmod(path, 0o666)
  expect(await check()).toEqual({ ok: false, reason: `its manifest ${path} is writable by other users (mode 666)` })
  await rm(path)
  expect(await check()).toEqual({ ok: false, reason: `it has no manifest of this action (${path})` })
  await writeFile(path, '{"format":1}', { mode: 0o644 })
  expect(await check()).toMatchObject({ ok: false, reason: expect.stringContaining(`its manifest ${path} is unreadable`) })
})
