import type { DbType } from './catalog.js'
import type { ClientSpec } from '../tools/types.js'
import { mongodbClient } from './mongodb/client.js'
import { mysqlClient } from './mysql/client.js'
import { postgresqlClient } from './postgresql/client.js'
import { redisClient } from './redis/client.js'

/** The dump client of each database type: one file per client in this folder, one line here. */
export const clients: Record<DbType, ClientSpec> = {
  postgresql: postgresqlClient,
  mysql: mysqlClient,
  mariadb: mysqlClient,
  mongodb: mongodbClient,
  redis: redisClient
}
