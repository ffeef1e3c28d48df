import type { StorageFacts } from '../catalog.js'
import { shellWord } from '../../util/shell-word.js'

/** What is known of a local directory without loading the backend (storage/catalog.ts): read by config validation, key naming and the summary's links. */
export const localFacts = { needsBucket: false, storageClasses: {}, unreadableClasses: {}, maxImmutableDays: 0,
  links: (storage, key) => ({ consoleUrl: '', fetchCommand: `cat ${shellWord(storage.path ? `${storage.path}/${key}` : key)}` })
} satisfies StorageFacts
