/**
 * The import direction of docs/architecture.md, checked in `npm run lint`:
 * actions -> run -> engines | storage | notify -> report -> config -> tools -> util.
 * The facts of the plugins (engines/catalog.ts, engines/<engine>/facts.ts, storage/catalog.ts and
 * the dump-args syntax) are pure data: config may read them, as it may read constants.ts.
 */
const FACTS = '^src/(constants[.]ts|engines/(catalog|shared/dump-arg-syntax|[^/]+/facts|postgresql/url-parameters)[.]ts|storage/(catalog|[^/]+/facts)[.]ts)$'
/** An engine's or a backend's own folder (shared/ is what they have in common). */
const PLUGIN_FOLDER = '^src/(engines|storage)/(?!shared/)[^/]+/'
const below = (layer, allowed) => ({
  name: `${layer}-imports-downward`,
  comment: `${layer} may import only ${allowed.join(', ')} and the plugins' facts (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: [`^src/(${[layer, ...allowed].join('|')})/`, FACTS] }
})

export default {
  forbidden: [
    {
      name: 'util-imports-nothing-of-src',
      comment: 'util is the bottom layer: it imports nothing else of src but constants.ts',
      severity: 'error',
      from: { path: '^src/util/' },
      to: { path: '^src/', pathNot: ['^src/util/', '^src/constants[.]ts$'] }
    },
    below('tools', ['util']),
    below('config', ['tools', 'util']),
    below('report', ['config', 'tools', 'util']),
    below('engines', ['report', 'config', 'tools', 'util']),
    below('storage', ['report', 'config', 'tools', 'util']),
    below('notify', ['report', 'config', 'tools', 'util']),
    below('run', ['engines', 'storage', 'notify', 'report', 'config', 'tools', 'util']),
    {
      name: 'facts-are-pure-data',
      comment: 'the facts are read by config: they import only other facts and util (types aside)',
      severity: 'error',
      from: { path: FACTS },
      to: { path: '^src/', pathNot: [FACTS, '^src/util/'], dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'a-plugin-is-reached-through-its-index',
      comment: 'from outside an engine or backend folder, only its index.ts, an engine\'s facts.ts and a backend\'s hooks.ts are imported',
      severity: 'error',
      from: { path: '^src/', pathNot: PLUGIN_FOLDER },
      to: { path: PLUGIN_FOLDER, pathNot: ['^src/(engines|storage)/[^/]+/(index|facts)[.]ts$', '^src/storage/[^/]+/hooks[.]ts$'] }
    },
    {
      name: 'only-the-registry-imports-a-plugin',
      comment: 'a plugin is listed by its registry (engines/index.ts, storage/index.ts), its facts by the catalog and its hooks by storage/hooks.ts; everything else goes through them',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(engines|storage)/index[.]ts$', '^src/(engines|storage)/catalog[.]ts$', '^src/storage/hooks[.]ts$', PLUGIN_FOLDER] },
      to: { path: PLUGIN_FOLDER }
    },
    {
      name: 'a-plugin-does-not-import-another',
      comment: 'what two engines or two backends share goes in their shared/ folder',
      severity: 'error',
      from: { path: '^src/(engines|storage)/((?!shared/)[^/]+)/' },
      to: { path: PLUGIN_FOLDER, pathNot: '^src/$1/$2/' }
    },
    {
      name: 'no-circular',
      comment: 'a cycle of value imports makes the load order matter; cycles through types alone do not',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' }
  }
}
