import type { Engine, EngineSpec } from './types.js'

/** Every supported database type. Adding an engine: one file in this folder and one line here. */
export const engines = {
  postgresql: {
    defaultPort: 5432,
    urlProtocols: ['postgres:', 'postgresql:'],
    requiresDatabaseName: true,
    fileExtensions: ['dump'],
    restoreCheck: true,
    load: async (): Promise<Engine> => (await import('./postgresql.js')).postgresql
  },
  mysql: {
    defaultPort: 3306,
    urlProtocols: ['mysql:', 'mariadb:'],
    requiresDatabaseName: true,
    fileExtensions: ['sql.gz', 'sql.zst', 'sql'],
    load: async (): Promise<Engine> => (await import('./mysql.js')).mysql
  },
  mariadb: {
    defaultPort: 3306,
    urlProtocols: ['mariadb:', 'mysql:'],
    requiresDatabaseName: true,
    fileExtensions: ['sql.gz', 'sql.zst', 'sql'],
    load: async (): Promise<Engine> => (await import('./mysql.js')).mysql
  },
  mongodb: {
    defaultPort: 27017,
    urlProtocols: ['mongodb:', 'mongodb+srv:'],
    requiresDatabaseName: false,
    fileExtensions: ['archive.gz'],
    load: async (): Promise<Engine> => (await import('./mongodb.js')).mongodb
  },
  redis: {
    defaultPort: 6379,
    urlProtocols: ['redis:', 'rediss:'],
    requiresDatabaseName: false,
    fileExtensions: ['rdb'],
    load: async (): Promise<Engine> => (await import('./redis.js')).redis
  }
} satisfies Record<string, EngineSpec>

export type DbType = keyof typeof engines

export const dbTypes = Object.keys(engines) as [DbType, ...DbType[]]
