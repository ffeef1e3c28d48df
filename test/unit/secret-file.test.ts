import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withSecretFile } from '../../src/util/secret-file.js'

describe('withSecretFile', () => {
  test('the file holds the content, only its owner can read it, and it is gone afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secret-file-'))
    let seen = ''
    const result = await withSecretFile(dir, 'client.cnf', '[client]\npassword="s3cret"\n', async (path) => {
      seen = path
      expect((await stat(path)).mode & 0o777).toBe(0o600)
      return readFile(path, 'utf8')
    })
    expect(result).toBe('[client]\npassword="s3cret"\n')
    expect(seen.startsWith(join(dir, 'client.cnf-'))).toBe(true)
    expect(existsSync(seen)).toBe(false)
    expect(await readdir(dir)).toEqual([])
  })

  test('the file is removed when the work with it fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secret-file-'))
    await expect(
      withSecretFile(dir, 'mongo-tools.yaml', 'password: "x"\n', async () => {
        throw new Error('the dump failed')
      })
    ).rejects.toThrow('the dump failed')
    expect(await readdir(dir)).toEqual([])
  })
})
