import type { Engine, EngineSpec } from './types.js'

/** Every supported database type. Adding an engine: one file in this folder and one line here. */
export const engines = {
  postgresql: {
    defaultPort: 5432,
    urlProtocols: ['postgres:', 'postgresql:'],
    requiresDatabaseName: true,
    fileExtensions: ['dump'],
    load: async (): Promise<Engine> => (await import('./postgresql.js')).postgresql
  }
} satisfies Record<string, EngineSpec>

export type DbType = keyof typeof engines

export const dbTypes = Object.keys(engines) as [DbType, ...DbType[]]
