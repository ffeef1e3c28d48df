import type { DbType } from '../../engines/catalog.js'
import type { ClientSpec } from '../types.js'
import { mongodbClient } from './mongodb.js'
import { mysqlClient } from './mysql.js'
import { postgresqlClient } from './postgresql.js'
import { redisClient } from './redis.js'

/** The dump client of each database type: one file per client in this folder, one line here. */
export const clients: Record<DbType, ClientSpec> = {
  postgresql: postgresqlClient,
  mysql: mysqlClient,
  mariadb: mysqlClient,
  mongodb: mongodbClient,
  redis: redisClient
}
