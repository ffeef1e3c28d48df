// s3rver's command line, with the AbortMultipartUpload that s3rver 3.7.1 lacks (it answers a
// DELETE with ?uploadId MethodNotAllowed): the upload's directory is removed, as S3 discards the
// upload and its parts, and an upload unknown under the key is NoSuchUpload. The route keeps its
// authentication and bucket check; only its handler learns the one query it lacked.
import { readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const router = require('s3rver/lib/routes')
const S3Error = require('s3rver/lib/models/error')

const layer = router.stack.find((route) => route.path === '/:bucket/:key+' && route.methods.includes('DELETE'))
if (!layer) throw new Error('s3rver has no DELETE route for objects: its routes changed')
const deleteObject = layer.stack[layer.stack.length - 1]

layer.stack[layer.stack.length - 1] = async (ctx, next) => {
  if (ctx.params.queryMethod !== 'uploadId') return deleteObject(ctx, next)
  const uploadId = String(ctx.query.uploadId)
  const directory = join(ctx.store.getResourcePath(ctx.params.bucket, undefined, 'uploads'), uploadId)
  const known = /^[0-9a-f]+$/.test(uploadId) && (await readFile(join(directory, 'key'), 'utf8').catch(() => undefined)) === ctx.params.key
  if (!known) throw new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { UploadId: uploadId })
  await rm(directory, { recursive: true, force: true })
  ctx.status = 204
}

require('s3rver/bin/s3rver.js')
