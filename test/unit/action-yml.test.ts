import { readFile } from 'node:fs/promises'
import { INPUT_DEFAULTS } from '../../src/config/defaults.js'
import { Inputs, RestoreInputs } from '../../src/constants.js'
import { BACKUP_INPUTS } from '../../src/run/inputs.js'

/** action.yml, the README's input table and the code's defaults say the same thing. */

interface DeclaredInput {
  required: boolean
  default: string | undefined
  description: string
}

/** The inputs of action.yml, read line by line (its inputs are written one key a line, values single-quoted). */
async function actionInputs(file = 'action.yml'): Promise<Map<string, DeclaredInput>> {
  const text = await readFile(file, 'utf8')
  const body = text.split(/^inputs:\n/m)[1].split(/^\S/m)[0]
  const inputs = new Map<string, DeclaredInput>()
  for (const block of body.split(/^ {2}(?=[a-z0-9-]+:$)/m).filter((part) => part.trim())) {
    const name = /^([a-z0-9-]+):$/m.exec(block)?.[1] ?? ''
    const value = (key: string): string | undefined => {
      const quoted = new RegExp(`^ {4}${key}: '((?:[^']|'')*)'$`, 'm').exec(block)?.[1]
      return quoted?.replace(/''/g, "'") ?? new RegExp(`^ {4}${key}: (\\S+)$`, 'm').exec(block)?.[1]
    }
    inputs.set(name, { required: value('required') === 'true', default: value('default'), description: value('description') ?? '' })
  }
  return inputs
}

/** The README's input table: name -> default cell. */
async function readmeInputs(): Promise<Map<string, string>> {
  const text = await readFile('README.md', 'utf8')
  const table = text.split(/^## Inputs$/m)[1].split(/^## /m)[0]
  const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \|([^|]*)\|/gm)]
  return new Map(rows.map((row) => [row[1], row[2].trim()]))
}

describe('action.yml and the README agree', () => {
  test('the same inputs, all of the contract', async () => {
    const [declared, documented] = await Promise.all([actionInputs(), readmeInputs()])
    expect([...declared.keys()].sort()).toEqual([...BACKUP_INPUTS].sort())
    expect([...documented.keys()].sort()).toEqual([...declared.keys()].sort())
  })

  test('every fixed default is in default:, and the README shows the same', async () => {
    const [declared, documented] = await Promise.all([actionInputs(), readmeInputs()])
    for (const [name, input] of declared) {
      const fixed = INPUT_DEFAULTS[name]
      expect({ name, default: input.default ?? '' }).toEqual({ name, default: fixed ?? '' })
      const cell = documented.get(name) ?? ''
      if (fixed !== undefined) expect({ name, cell }).toEqual({ name, cell: `\`${fixed}\`` })
      else expect({ name, cell }).toEqual({ name, cell: expect.not.stringMatching(/^`[^`]*`$/) })
      expect({ name, required: input.required }).toEqual({ name, required: cell === 'required' })
    }
  })

  test('a fixed default is said in default: alone, never only in the description', async () => {
    for (const [name, input] of await actionInputs()) {
      expect({ name, inDescription: INPUT_DEFAULTS[name] !== undefined && /Default:/.test(input.description) }).toEqual({ name, inDescription: false })
    }
  })

  test('descriptions are short and uniform: one line, no trailing period, at most 140 characters', async () => {
    for (const [name, input] of await actionInputs()) {
      expect({ name, length: input.description.length <= 140, period: input.description.endsWith('.') }).toEqual({ name, length: true, period: false })
    }
  })
})

describe('restore/action.yml, which shares the inputs of the backup action', () => {
  test('a shared input has the same fixed default in default:, never only in its description', async () => {
    const declared = await actionInputs('restore/action.yml')
    for (const [name, input] of declared) {
      const fixed = INPUT_DEFAULTS[name]
      if (fixed !== undefined) expect({ name, default: input.default }).toEqual({ name, default: fixed })
      expect({ name, inDescription: input.default !== '' && input.default !== undefined && /Default:/.test(input.description) }).toEqual({ name, inDescription: false })
    }
  })

  test('every restore input of its own is in docs/restore.md\'s input table, with the default restore/action.yml declares', async () => {
    const declared = await actionInputs('restore/action.yml')
    const text = await readFile('docs/restore.md', 'utf8')
    const table = text.split(/^## Inputs and outputs$/m)[1].split(/^## /m)[0]
    const rows = new Map([...table.matchAll(/^\| `([a-z0-9-]+)` \|([^|]*)\|/gm)].map((row) => [row[1], row[2].trim()]))
    for (const name of Object.values(RestoreInputs)) {
      const fixed = declared.get(name)?.default ?? ''
      expect({ name, cell: rows.get(name) }).toEqual({ name, cell: fixed === '' ? expect.any(String) : `\`${fixed}\`` })
    }
  })

  test('db-type is not required: the db-url scheme names it, as for the backup', async () => {
    const declared = await actionInputs('restore/action.yml')
    expect(declared.get(Inputs.DbType)?.required).toBe(false)
    expect(declared.get(Inputs.StorageType)?.required).toBe(true)
  })
})

describe('action.yml runs', () => {
  test('a post step that runs however the main step ended (runs.post, post-if: always()), from the bundle of src/actions/backup/post.ts', async () => {
    const text = await readFile('action.yml', 'utf8')
    const runs = text.split(/^runs:\n/m)[1]
    const value = (key: string): string | undefined => new RegExp(`^ {2}${key}: '([^']*)'$`, 'm').exec(runs)?.[1]
    expect({ using: value('using'), main: value('main'), post: value('post'), postIf: value('post-if') }).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post/index.js',
      postIf: 'always()'
    })
    // The bundle the build writes there: src/actions/backup/post.ts, which runs the post step.
    expect(await readFile('package.json', 'utf8')).toContain('ncc build src/actions/backup/post.ts -o dist/post')
    expect(await readFile('src/actions/backup/post.ts', 'utf8')).toContain('await runPost(')
  })

  test('the restore action has its post step too, from the bundle of src/actions/restore/post.ts', async () => {
    const text = await readFile('restore/action.yml', 'utf8')
    const runs = text.split(/^runs:\n/m)[1]
    const value = (key: string): string | undefined => new RegExp(`^ {2}${key}: '([^']*)'$`, 'm').exec(runs)?.[1]
    expect({ using: value('using'), main: value('main'), post: value('post'), postIf: value('post-if') }).toEqual({
      using: 'node24',
      main: '../dist/restore/index.js',
      post: '../dist/restore/post/index.js',
      postIf: 'always()'
    })
    expect(await readFile('package.json', 'utf8')).toContain('ncc build src/actions/restore/post.ts -o dist/restore/post')
  })
})
