import { spawn } from 'node:child_process'
import { BlobServiceClient } from '@azure/storage-blob'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
const dir = mkdtempSync(join(tmpdir(), 'azurite-'))
const port = 10555
const child = spawn('npx', ['azurite-blob', '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', dir, '--silent', '--skipApiVersionCheck'], { stdio: 'inherit' })
await new Promise(r => setTimeout(r, 4000))
const cs = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`
const svc = BlobServiceClient.fromConnectionString(cs)
const c = svc.getContainerClient('backups')
await c.create()
const file = join(dir, 'f.bin'); writeFileSync(file, Buffer.alloc(12 * 1024 * 1024, 7))
const b = c.getBlockBlobClient('p/a b.dump')
const r = await b.uploadFile(file, { blockSize: 4 * 1024 * 1024, maxSingleShotSize: 4*1024*1024, concurrency: 4, metadata: { sha256: 'abc' }, conditions: { ifNoneMatch: '*' } })
console.log('upload', r.etag, r.versionId, Object.keys(r))
const p = await b.getProperties(); console.log('props', p.contentLength, p.etag, p.versionId, p.metadata, b.url)
for (let i = 0; i < 30; i++) await c.getBlockBlobClient(`p/x${i}`).upload('hi', 2)
let pages = 0, n = 0
for await (const page of c.listBlobsFlat({ prefix: 'p/' }).byPage({ maxPageSize: 7 })) { pages++; n += page.segment.blobItems.length; }
console.log('pages', pages, n)
const batch = c.getBlobBatchClient()
const res = await batch.deleteBlobs([c.getBlobClient('p/x1'), c.getBlobClient('p/x2'), c.getBlobClient('p/nope')], { deleteSnapshots: 'include' }).catch(e => e)
console.log('batch', res.subResponsesSucceededCount, res.subResponsesFailedCount, res.subResponses?.map(s => [s.status, s.errorCode, s._request?.url]))
try { await c.getBlockBlobClient('p/a b.dump').uploadFile(file, { conditions: { ifNoneMatch: '*' } }) } catch (e) { console.log('overwrite', e.statusCode, e.code, e.message.slice(0,200)) }
const bad = BlobServiceClient.fromConnectionString(cs.replace('Eby8', 'Xby8'))
try { await bad.getContainerClient('backups').getBlockBlobClient('z').upload('x', 1) } catch (e) { console.log('bad', e.statusCode, e.code, e.message.slice(0, 300)) }
try { await svc.getContainerClient('missing').getBlockBlobClient('z').upload('x', 1) } catch (e) { console.log('missing', e.statusCode, e.code, e.message.slice(0, 300)) }
child.kill()
process.exit(0)
