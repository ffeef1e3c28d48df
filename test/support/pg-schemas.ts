import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RESTORE_DIST, DIST, stepEnvironment, stepResult, type ActionRun } from './action.js'
import { runOk } from './run.js'
import type { PostgresServer } from './postgres.js'

/**
 * Real-world PostgreSQL schemas generated here (no downloaded data), and the engine's own views of
 * a database to compare a source with its restored copy: pg_dump's schema and per-table digests.
 */

/** Runs a psql script from stdin (so \gexec works), in UTF8 whatever the database's encoding. */
export async function psqlScript(pg: PostgresServer, database: string, script: string): Promise<string> {
  return runOk(join(pg.binDir, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', database], {
    env: { ...process.env, PGPASSWORD: pg.password, PGCLIENTENCODING: 'UTF8' },
    input: script
  })
}

/**
 * pg_dump's schema of a database. Owners and privileges are left out because the restore always
 * passes --no-owner --no-privileges today (issue 22 changes that; the owner checks are separate tests),
 * and the \restrict lines carry a random key per run.
 */
export async function schemaDump(pg: PostgresServer, database: string): Promise<string> {
  const text = await runOk(join(pg.binDir, 'pg_dump'), ['--schema-only', '--no-owner', '--no-privileges', '-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', database], {
    env: { ...process.env, PGPASSWORD: pg.password, PGCLIENTENCODING: 'UTF8' }
  })
  return text.split('\n').filter((line) => !/^\\(un)?restrict /.test(line)).join('\n')
}

/**
 * Each table's and materialized view's row count and md5 of its rows' text in a total order,
 * computed by the server: `schema.table` (as quote_ident writes them) -> "count md5".
 */
export async function tableDigests(pg: PostgresServer, database: string): Promise<Record<string, string>> {
  const out = await psqlScript(
    pg,
    database,
    // A materialized view created WITH NO DATA cannot be read: that it is unpopulated is its content.
    `SELECT CASE WHEN c.relispopulated
                 THEN format('SELECT %L, count(*), md5(coalesce(string_agg(t::text, E''\\n'' ORDER BY t::text), '''')) FROM %I.%I t', quote_ident(n.nspname) || '.' || quote_ident(c.relname), n.nspname, c.relname)
                 ELSE format('SELECT %L, ''unpopulated'', ''''', quote_ident(n.nspname) || '.' || quote_ident(c.relname)) END
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
      ORDER BY 1 \\gexec\n`
  )
  const digests: Record<string, string> = {}
  for (const line of out.split('\n').filter(Boolean)) {
    const at = line.lastIndexOf('|')
    const before = line.lastIndexOf('|', at - 1)
    digests[line.slice(0, before)] = `${line.slice(before + 1, at)} ${line.slice(at + 1)}`
  }
  return digests
}

/** Large objects: oid -> owner, comment and md5 of the content. */
export async function largeObjects(pg: PostgresServer, database: string): Promise<string> {
  return psqlScript(
    pg,
    database,
    `SELECT m.oid, pg_get_userbyid(m.lomowner), coalesce(obj_description(m.oid, 'pg_largeobject'), '<none>'), md5(lo_get(m.oid)) FROM pg_largeobject_metadata m ORDER BY m.oid;`
  )
}

/** A pagila/chinook-like store: a few dozen tables with the types and objects such schemas use. */
export function pagilaLike(): string {
  const lookups = Array.from({ length: 24 }, (_, i) => `lookup_${String(i).padStart(2, '0')}`)
  return `
    CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
    CREATE DOMAIN email AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');
    CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
    CREATE TYPE money_pair AS (amount numeric(12,2), currency char(3));
    CREATE SEQUENCE film_id_seq START 100 INCREMENT 3;
    CREATE TABLE language (language_id serial PRIMARY KEY, name char(20) NOT NULL, last_update timestamptz NOT NULL DEFAULT now());
    CREATE TABLE actor (actor_id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, last_update timestamptz NOT NULL DEFAULT now());
    CREATE INDEX idx_actor_last_name ON actor (last_name);
    CREATE TABLE film (
      film_id integer PRIMARY KEY DEFAULT nextval('film_id_seq'), title text NOT NULL, description text, release_year year,
      language_id integer NOT NULL REFERENCES language ON UPDATE CASCADE ON DELETE RESTRICT,
      rental_duration smallint NOT NULL DEFAULT 3, rental_rate numeric(4,2) NOT NULL DEFAULT 4.99, length interval,
      replacement_cost numeric(5,2) NOT NULL DEFAULT 19.99, rating mpaa_rating DEFAULT 'G', special_features text[],
      fulltext tsvector, ratio real, score double precision, poster bytea, extra jsonb, meta json, price money_pair,
      last_update timestamptz NOT NULL DEFAULT now());
    ALTER SEQUENCE film_id_seq OWNED BY film.film_id;
    CREATE INDEX film_fulltext_idx ON film USING gist (fulltext);
    CREATE TABLE film_actor (actor_id integer REFERENCES actor ON DELETE CASCADE, film_id integer REFERENCES film, PRIMARY KEY (actor_id, film_id));
    CREATE TABLE customer (customer_id serial PRIMARY KEY, email email UNIQUE, active boolean, born date, seen_at timestamp, tz_at timestamptz, wake time, tags varchar(10)[], ip inet, mac macaddr, uid uuid, bits bit varying(16));
    CREATE TABLE payment (payment_id bigserial, customer_id integer REFERENCES customer, amount numeric(5,2) NOT NULL, payment_date timestamptz NOT NULL, PRIMARY KEY (payment_id));
    CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tbl text, op text, at timestamptz DEFAULT now(), row_data jsonb);
    ${lookups.map((name, i) => `CREATE TABLE ${name} (id int PRIMARY KEY, label text NOT NULL${i ? `, parent int REFERENCES lookup_${String(i - 1).padStart(2, '0')}` : ''});`).join('\n')}
    CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update = now(); RETURN NEW; END $$;
    CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit_log (tbl, op, row_data) VALUES (TG_TABLE_NAME, TG_OP, to_jsonb(NEW)); RETURN NEW; END $$;
    CREATE FUNCTION film_in_stock(p_film_id integer, OUT n integer) LANGUAGE sql STABLE AS $$ SELECT count(*)::int FROM film_actor WHERE film_id = p_film_id $$;
    CREATE TRIGGER last_updated BEFORE UPDATE ON actor FOR EACH ROW EXECUTE FUNCTION last_updated();
    CREATE TRIGGER film_audit AFTER INSERT ON film FOR EACH ROW EXECUTE FUNCTION audit();
    CREATE VIEW actor_info AS SELECT a.actor_id, a.first_name, a.last_name, count(fa.film_id) AS films FROM actor a LEFT JOIN film_actor fa USING (actor_id) GROUP BY a.actor_id;
    CREATE VIEW customer_list AS SELECT customer_id, email, CASE WHEN active THEN 'active' ELSE '' END AS notes FROM customer;
    COMMENT ON TABLE film IS 'films, with every type pagila uses';
    COMMENT ON COLUMN film.rating IS 'MPAA rating';
    INSERT INTO language (name) VALUES ('English'), ('Italian'), ('Japanese'), ('Mandarin'), ('French'), ('German');
    INSERT INTO actor (first_name, last_name) SELECT 'First' || g, 'Last' || (g % 37) FROM generate_series(1, 200) g;
    INSERT INTO film (title, description, release_year, language_id, length, rating, special_features, fulltext, ratio, score, poster, extra, meta, price)
      SELECT 'Film ' || g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'A tale of ' || md5(g::text) || E' with \\t tabs, \\\\ backslashes and\\nnewlines' END,
             1901 + g % 250, 1 + g % 6, make_interval(mins => g, secs => g / 7.0), (enum_range(NULL::mpaa_rating))[1 + g % 5],
             ARRAY['Trailers', 'Deleted Scenes', NULL, 'q"uote'], to_tsvector('english', 'film number ' || g), g / 3.0::real, pi() * g * 1e-300,
             decode(md5(g::text) || '00ff', 'hex'), jsonb_build_object('g', g, 'nested', jsonb_build_array(g, 'ü', NULL, 1.5e10)), ('{"k": ' || g || ', "k": "dup"}')::json,
             ROW(g * 1.01, 'EUR')::money_pair
        FROM generate_series(1, 1000) g;
    INSERT INTO film (title, language_id, ratio, score) VALUES ('Infinity', 1, 'Infinity', '-Infinity'), ('Not a number', 1, 'NaN', 'NaN'), ('Smallest', 1, 1.17549435e-38, 4.9e-324);
    INSERT INTO film_actor SELECT 1 + g % 200, f.film_id FROM generate_series(1, 3) g, film f WHERE f.title LIKE 'Film %';
    INSERT INTO customer (email, active, born, seen_at, tz_at, wake, tags, ip, mac, uid, bits)
      SELECT 'c' || g || '@example.test', g % 3 = 0, date '1950-01-01' + g, timestamp '2000-02-29 12:34:56.789' + g * interval '1 hour 1 sec',
             timestamptz '2020-03-29 01:30:00+00' + g * interval '17 minutes', time '00:00' + g * interval '1 minute', ARRAY['a' || g, NULL],
             ('10.0.' || g % 256 || '.' || g % 7)::inet, '08:00:2b:01:02:03', md5(g::text)::uuid, (g % 65536)::bit(16)::bit varying
        FROM generate_series(1, 500) g;
    INSERT INTO customer (email, tz_at, seen_at) VALUES ('inf@example.test', 'infinity', '-infinity');
    INSERT INTO payment (customer_id, amount, payment_date) SELECT 1 + g % 500, (g % 1000) / 100.0, timestamptz '2022-01-01' + g * interval '13 minutes' FROM generate_series(1, 5000) g;
    ${lookups.map((name) => `INSERT INTO ${name} SELECT g, 'label ' || g FROM generate_series(1, 20) g;`).join('\n')}
    UPDATE actor SET first_name = first_name || '!' WHERE actor_id % 10 = 0;
    SELECT setval('payment_payment_id_seq', 9000);
  `
}

/** Large objects with owners and comments, partitions, RLS, materialized views and contrib extensions. */
export function advancedFeatures(): string {
  return `
    CREATE ROLE lo_owner; CREATE ROLE tenant_reader;
    CREATE EXTENSION hstore; CREATE EXTENSION pg_trgm; CREATE EXTENSION citext;
    CREATE TABLE doc (id int PRIMARY KEY, attrs hstore, login citext UNIQUE, body text);
    CREATE INDEX doc_body_trgm ON doc USING gin (body gin_trgm_ops);
    INSERT INTO doc SELECT g, hstore(ARRAY['k' || g, 'v"' || g, 'null', NULL]), 'User' || g, 'body ' || md5(g::text) FROM generate_series(1, 300) g;
    SELECT lo_from_bytea(424200 + g, decode(repeat(md5(g::text), 50 * g), 'hex')) FROM generate_series(1, 5) g;
    SELECT lo_from_bytea(424299, ''::bytea);
    ALTER LARGE OBJECT 424201 OWNER TO lo_owner;
    ALTER LARGE OBJECT 424202 OWNER TO lo_owner;
    COMMENT ON LARGE OBJECT 424201 IS 'a large object''s comment';
    COMMENT ON LARGE OBJECT 424203 IS 'another';
    CREATE TABLE measurement (id int, logdate date NOT NULL, peak numeric) PARTITION BY RANGE (logdate);
    CREATE TABLE measurement_2023 PARTITION OF measurement FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
    CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (id);
    CREATE TABLE measurement_2024_even PARTITION OF measurement_2024 FOR VALUES IN (0, 2, 4, 6, 8);
    CREATE TABLE measurement_2024_rest PARTITION OF measurement_2024 DEFAULT;
    CREATE TABLE measurement_default PARTITION OF measurement DEFAULT;
    CREATE INDEX ON measurement (logdate);
    INSERT INTO measurement SELECT g % 10, date '2022-06-01' + g, g * 0.5 FROM generate_series(1, 1200) g;
    CREATE TABLE region_sales (region text, amount int) PARTITION BY LIST (region);
    CREATE TABLE region_sales_eu PARTITION OF region_sales FOR VALUES IN ('eu', 'uk');
    CREATE TABLE region_sales_other PARTITION OF region_sales DEFAULT;
    INSERT INTO region_sales SELECT (ARRAY['eu', 'uk', 'us', 'apac'])[1 + g % 4], g FROM generate_series(1, 400) g;
    CREATE TABLE tenant_data (tenant text NOT NULL DEFAULT current_user, secret text);
    ALTER TABLE tenant_data ENABLE ROW LEVEL SECURITY;
    ALTER TABLE tenant_data FORCE ROW LEVEL SECURITY;
    CREATE POLICY own_rows ON tenant_data USING (tenant = current_user) WITH CHECK (tenant = current_user);
    CREATE POLICY readers ON tenant_data AS RESTRICTIVE FOR SELECT TO tenant_reader USING (secret IS NOT NULL);
    INSERT INTO tenant_data SELECT CASE WHEN g % 2 = 0 THEN current_user ELSE 'other' END, 's' || g FROM generate_series(1, 100) g;
    CREATE MATERIALIZED VIEW sales_by_region AS SELECT region, sum(amount) AS total, count(*) AS n FROM region_sales GROUP BY region;
    CREATE UNIQUE INDEX ON sales_by_region (region);
    CREATE MATERIALIZED VIEW never_filled AS SELECT 1 AS one WITH NO DATA;
  `
}

/** Schemas, tables and columns named with spaces, quotes, dots and non-ASCII. */
export function exoticIdentifiers(): string {
  return `
    CREATE SCHEMA "My Schema";
    CREATE SCHEMA "schéma ünïcødé 数据";
    CREATE TABLE "My Schema"."Table ""quoted"" name" ("Column One" int PRIMARY KEY, "col.with.dots" text, "naïve café" text, "select" int);
    CREATE TABLE "schéma ünïcødé 数据"."表 テーブル" ("列" text, "emoji 🎉" text, "a'b" int REFERENCES "My Schema"."Table ""quoted"" name");
    CREATE TABLE public."UPPER lower" ("x" int);
    CREATE VIEW "My Schema"."view; DROP TABLE x; --" AS SELECT "Column One" FROM "My Schema"."Table ""quoted"" name";
    CREATE SEQUENCE "schéma ünïcødé 数据"."séquence";
    INSERT INTO "My Schema"."Table ""quoted"" name" SELECT g, 'dots ' || g, 'café ' || g, g FROM generate_series(1, 50) g;
    INSERT INTO "schéma ünïcødé 数据"."表 テーブル" SELECT '値 ' || g, '🎉' || g, 1 + g % 50 FROM generate_series(1, 50) g;
    INSERT INTO public."UPPER lower" VALUES (1), (NULL);
    COMMENT ON SCHEMA "My Schema" IS 'spaces in a schema';
  `
}

/**
 * `count` tables of one row, created 500 to a query: one transaction for all would need more locks
 * than the default lock table holds, one per table is slow.
 */
export function manyTables(count: number): string {
  return `SELECT string_agg(format('CREATE TABLE t_%s (id int, v text); INSERT INTO t_%s VALUES (%s, %L);', g, g, g, md5(g::text)), ' ' ORDER BY g)
    FROM generate_series(1, ${count}) g GROUP BY (g - 1) / 500 ORDER BY (g - 1) / 500 \\gexec\n`
}

export interface MeasuredRun extends ActionRun {
  /** The bundle's peak resident set (VmHWM), in bytes. */
  peakRssBytes: number
}

/** Runs a bundle as runAction does, polling its VmHWM (the node process alone, not pg_dump/pg_restore). */
export async function runMeasured(inputs: Record<string, string>, extraEnv: Record<string, string>, bundle: 'backup' | 'restore'): Promise<MeasuredRun> {
  const step = await stepEnvironment(inputs, extraEnv)
  let peakKb = 0
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bundle === 'backup' ? DIST : RESTORE_DIST], { env: step.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]))
      } catch {
        // the process may have exited between two polls
      }
    }, 50)
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(poll)
      resolve({ code: code ?? -1, stdout, stderr })
    })
  })
  return { ...(await stepResult(step, result)), peakRssBytes: peakKb * 1024 }
}
