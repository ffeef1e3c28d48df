import { dbTypes, engineFacts } from '../../src/engines/catalog.js'
import { engines } from '../../src/engines/index.js'

/**
 * Config validation reads an engine's facts without loading it; the steps use the plugin's optional
 * members. The two must say the same, or an input validate-config accepts would fail mid-run (or
 * one it refuses would have worked).
 */
describe.each(dbTypes)('the %s plugin has exactly the capabilities its facts declare', (type) => {
  const facts = engineFacts(type)
  const plugin = engines[type]

  test('include-globals', async () => {
    expect(plugin.globals !== undefined).toBe(facts.globals)
    if (plugin.globals) expect((await plugin.globals()).description).not.toBe('')
  })

  test('db-name "*"', () => {
    expect(plugin.listDatabases !== undefined).toBe(facts.manyDatabases === 'every')
  })

  test('restore-check', async () => {
    expect((await plugin.restorer()).restoreCheck !== undefined).toBe(facts.restoreCheck)
  })

  test('the dump and the restore load', async () => {
    const engine = await plugin.load()
    expect(engine.minimumSizeBytes).toBeGreaterThan(0)
    for (const extension of engine.fileExtension({ name: 'zstd', level: 3 }).split(' ')) expect(facts.fileExtensions).toContain(extension)
  })
})
