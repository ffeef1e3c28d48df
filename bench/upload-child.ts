import type { StorageConfig } from '../src/config/types.js'
import { storages } from '../src/storage/index.js'

/**
 * One upload through a real backend, in a process of its own so that its memory is measured
 * alone: prints the resident set size before the upload (SDK loaded) and at its peak, as JSON.
 * Arguments: <storage config as JSON> <file> <sha256> <key>.
 */

const [configJson, file, sha256, key] = process.argv.slice(2)
const config = JSON.parse(configJson) as StorageConfig

let peakRss = process.memoryUsage.rss()
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss())
}, 20)

const backend = await storages[config.type].load(config)
const beforeRss = process.memoryUsage.rss()
const result = await backend.upload(file, key, { sha256, backupName: 'bench', dbType: 'postgresql', createdAt: new Date().toISOString() })
clearInterval(sampler)
peakRss = Math.max(peakRss, process.memoryUsage.rss())
// The kernel's high-water mark also catches a peak between two samples (Linux reports KiB).
const maxRss = process.resourceUsage().maxRSS * 1024
await backend.delete([key])
process.stdout.write(`${JSON.stringify({ sizeBytes: result.sizeBytes, durationMs: result.durationMs, beforeRss, peakRss: Math.max(peakRss, maxRss) })}\n`)
