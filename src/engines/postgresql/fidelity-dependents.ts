import type { DatabaseConfig } from '../../config/types.js'
import { psql } from './psql.js'

/**
 * A dump that leaves tables out (tables, exclude-tables, dump-args) can still hold a view, a
 * materialized view or a foreign key that needs one of them: pg_dump writes it, and the restore
 * fails on it ("relation … does not exist"). The source says what depends on what (pg_depend
 * through each view's pg_rewrite rule, pg_constraint for foreign keys); the archive's read-through
 * says which relations it holds (pg_restore --verbose: `creating TABLE "schema.name"`).
 */

/** `pg_restore --verbose` names each relation it creates as `creating KIND "schema.name"`. */
export const CREATED_RELATION = /^pg_restore: creating (?:TABLE|VIEW|MATERIALIZED VIEW|FOREIGN TABLE) "(.*)"$/

// Each name as JSON, so that any character in it survives the line and field split.
const DEPENDENCIES = `
SELECT DISTINCT to_json(dn.nspname || '.' || dc.relname)::text, to_json(rn.nspname || '.' || rc.relname)::text,
       CASE dc.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END
FROM pg_rewrite w
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid AND d.refclassid = 'pg_class'::regclass
JOIN pg_class dc ON dc.oid = w.ev_class JOIN pg_namespace dn ON dn.oid = dc.relnamespace
JOIN pg_class rc ON rc.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE rc.oid <> dc.oid AND dc.relkind IN ('v', 'm') AND rc.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND dn.nspname NOT IN ('pg_catalog', 'information_schema')
UNION
SELECT DISTINCT to_json(dn.nspname || '.' || dc.relname)::text, to_json(rn.nspname || '.' || rc.relname)::text, 'foreign key ' || c.conname
FROM pg_constraint c
JOIN pg_class dc ON dc.oid = c.conrelid JOIN pg_namespace dn ON dn.oid = dc.relnamespace
JOIN pg_class rc ON rc.oid = c.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE c.contype = 'f' AND c.conparentid = 0 AND dc.oid <> rc.oid`

export interface Dependent {
  /** The view, materialized view or table (of a foreign key) in the archive. */
  name: string
  kind: string
  /** The relation it needs that the archive does not hold. */
  needs: string
}

/** What the archive holds that needs a relation it does not hold. */
export async function dependentsOnLeftOut(database: DatabaseConfig, inArchive: Set<string>, timeoutMs: number): Promise<Dependent[]> {
  const dependents: Dependent[] = []
  for (const line of (await psql(database, DEPENDENCIES, timeoutMs)).split('\n').filter(Boolean)) {
    const [name, needs, kind] = line.split('\t')
    const dependent = { name: JSON.parse(name) as string, needs: JSON.parse(needs) as string, kind }
    if (inArchive.has(dependent.name) && !inArchive.has(dependent.needs)) dependents.push(dependent)
  }
  return dependents.sort((a, b) => a.name.localeCompare(b.name) || a.needs.localeCompare(b.needs))
}

export function describeDependents(dependents: Dependent[]): string {
  return dependents.map((dependent) => `${dependent.kind} ${dependent.name} needs ${dependent.needs}`).join('; ')
}
