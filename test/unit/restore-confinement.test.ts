import { MysqlDumpScanner } from '../../src/engines/mysql/confinement.js'
import { PgScriptScanner } from '../../src/engines/postgresql/confinement.js'

/** The confinement scans of the restores, on dumps written as the tools write them and on hostile ones. */

function inChunks(text: string | Buffer, size: number): Buffer[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text)
  const chunks: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size))
  return chunks
}

function scanMysql(target: string, dump: string | Buffer, size = 4096): void {
  const scanner = new MysqlDumpScanner(target)
  for (const chunk of inChunks(dump, size)) scanner.push(chunk)
  scanner.finish()
}

function scanPg(script: string | Buffer, size = 4096): void {
  const scanner = new PgScriptScanner('drill')
  for (const chunk of inChunks(script, size)) scanner.push(chunk)
  scanner.finish()
}

/** Excerpts of a real mariadb-dump 10.11 dump of a database `src` with a sequence, a view, triggers, an event and routines. */
const MARIADB_DUMP = [
  '/*M!999999\\- enable the sandbox mode */ ',
  '-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)',
  '--',
  '-- Host: localhost    Database: src',
  '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
  '/*!40101 SET NAMES utf8mb4 */;',
  '/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;',
  "/*!40103 SET TIME_ZONE='+00:00' */;",
  '/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;',
  "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;",
  '/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;',
  'DROP SEQUENCE IF EXISTS `s1`;',
  'CREATE SEQUENCE `s1` start with 1 minvalue 1 maxvalue 9223372036854775806 increment by 1 cache 1000 nocycle ENGINE=InnoDB;',
  'DO SETVAL(`s1`, 1, 0);',
  '--',
  '-- Table structure for table `customers`',
  '--',
  'DROP TABLE IF EXISTS `customers`;',
  '/*!40101 SET @saved_cs_client     = @@character_set_client */;',
  '/*!40101 SET character_set_client = utf8mb4 */;',
  'CREATE TABLE `customers` (',
  '  `id` int(11) NOT NULL AUTO_INCREMENT,',
  '  `name` varchar(100) NOT NULL,',
  '  `total` decimal(10,2) DEFAULT 1.50,',
  '  PRIMARY KEY (`id`),',
  '  CONSTRAINT `fk` FOREIGN KEY (`id`) REFERENCES `orders` (`id`)',
  ') ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;',
  '/*!40101 SET character_set_client = @saved_cs_client */;',
  'LOCK TABLES `customers` WRITE;',
  '/*!40000 ALTER TABLE `customers` DISABLE KEYS */;',
  'INSERT INTO `customers` VALUES',
  "(1,'a;b `x` \\'q','src.orders',0x78,-1.5e3),",
  "(2,'DROP TABLE other.t; USE prod; */ \\\\',NULL,\"it's\",.5);",
  '/*!40000 ALTER TABLE `customers` ENABLE KEYS */;',
  'UNLOCK TABLES;',
  '/*!50001 DROP VIEW IF EXISTS `big_orders`*/;',
  '/*!50001 CREATE VIEW `big_orders` AS SELECT',
  ' NULL AS `id`,',
  ' NULL AS `total` */;',
  '/*!50003 SET @saved_cs_client      = @@character_set_client */ ;',
  '/*!50003 SET character_set_client  = utf8mb3 */ ;',
  '/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;',
  "/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;",
  'DELIMITER ;;',
  '/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit_log (order_id) VALUES (NEW.id) ',
  '*/;;',
  'DELIMITER ;',
  '/*!50003 SET sql_mode              = @saved_sql_mode */ ;',
  '/*!50003 SET character_set_client  = @saved_cs_client */ ;',
  '/*!50106 SET @save_time_zone= @@TIME_ZONE */ ;',
  '/*!50106 DROP EVENT IF EXISTS `nightly_cleanup` */;',
  'DELIMITER ;;',
  "/*!50106 CREATE*/ /*!50117 DEFINER=`root`@`localhost`*/ /*!50106 EVENT `nightly_cleanup` ON SCHEDULE EVERY 1 DAY STARTS '2026-12-07 01:29:51' ON COMPLETION NOT PRESERVE DISABLE DO DELETE FROM audit_log WHERE logged_at < NOW() - INTERVAL 1 YEAR ",
  '*/ ;;',
  "/*!50003 SET time_zone             = @saved_time_zone */ ;;",
  'DELIMITER ;',
  '/*!50003 DROP FUNCTION IF EXISTS `f1` */;',
  'DELIMITER ;;',
  'CREATE DEFINER=`root`@`localhost` FUNCTION `f1`(x int) RETURNS int(11)',
  '    DETERMINISTIC',
  'RETURN (SELECT COUNT(*) FROM customers c WHERE c.id > x) + x',
  ';;',
  'CREATE DEFINER=`root`@`localhost` PROCEDURE `customer_count`()',
  'BEGIN',
  '  DECLARE n INT; SELECT COUNT(*) INTO n FROM customers; UPDATE customers c SET c.name = NEW.name;',
  'END ;;',
  'DELIMITER ;',
  '/*!50001 CREATE ALGORITHM=UNDEFINED */',
  '/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */',
  '/*!50001 VIEW `big_orders2` AS select `o`.`id` AS `id`,`customers`.`name` AS `name` from (`orders` `o` join `customers` on(`customers`.`id` = `o`.`customer_id`)) */;',
  '/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;',
  '/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;',
  '-- Dump completed on 2026-12-07  1:29:44',
  ''
].join('\n')

describe('MysqlDumpScanner: a dump of one database', () => {
  test.each([1, 7, 4096])('passes a real mariadb-dump dump, into its own name or another (chunks of %i bytes)', (size) => {
    expect(() => scanMysql('src', MARIADB_DUMP, size)).not.toThrow()
    expect(() => scanMysql('drill', MARIADB_DUMP, size)).not.toThrow()
  })

  test('a name qualified by the target itself passes; by the source database, restored elsewhere, it is refused', () => {
    const dump = 'DELIMITER ;;\nCREATE TRIGGER t2 BEFORE UPDATE ON src.orders FOR EACH ROW INSERT INTO src.audit_log (order_id) VALUES (NEW.id) ;;\nDELIMITER ;\n'
    expect(() => scanMysql('src', dump)).not.toThrow()
    expect(() => scanMysql('drill', dump)).toThrow(/line 2: "CREATE TRIGGER t2 BEFORE UPDATE ON src\.orders.*" names the database `src` \(`src`\.`orders`\)/)
  })

  test('a multi-megabyte extended INSERT on one line is read in bounded steps, and a name after it is still found on its line', () => {
    const row = "(1,'a long value with ; and `prod`.`orders` and \\' inside',0xABCDEF,NULL),"
    const values = row.repeat(Math.ceil((8 * 1024 * 1024) / row.length))
    const line = `INSERT INTO \`t\` VALUES ${values}(2,'x');`
    expect(() => scanMysql('drill', `${MARIADB_DUMP}${line}\n`, 65536)).not.toThrow()
    const lines = MARIADB_DUMP.split('\n').length
    expect(() => scanMysql('drill', `${MARIADB_DUMP}${line} DROP TABLE prod.orders;\n`, 65536)).toThrow(new RegExp(`line ${lines}: "DROP TABLE prod\\.orders" names the database \`prod\``))
  })

  test.each([
    ['a qualified DROP', 'DROP TABLE IF EXISTS `prod`.`orders`;', /line 2: "DROP TABLE IF EXISTS `prod`\.`orders`" names the database `prod`/],
    ['a bare qualified name, spaced', 'insert into prod . orders values (1);', /names the database `prod`/],
    ['three parts', 'SELECT prod.orders.id;', /names the database `prod`/],
    ['a routine of another database among the values', 'INSERT INTO `t` VALUES (1,x.f(2));', /names the database `x` \(`x`\.`f`\)/],
    ['a subquery among the values', 'INSERT INTO `t` VALUES (1,(SELECT MAX(id) FROM prod.orders));', /names the database `prod`/],
    ['USE', 'USE prod;', /switches to the database `prod`/],
    ['USE in an executable comment', '/*!40000 USE `prod` */;', /switches to the database `prod`/],
    ['CREATE DATABASE', 'CREATE DATABASE /*!32312 IF NOT EXISTS*/ `prod`;', /creates a database/],
    ['DROP SCHEMA', 'DROP SCHEMA prod;', /drops a schema/],
    ['ALTER DATABASE of another', 'ALTER DATABASE `prod` CHARACTER SET latin1;', /alters the database `prod`/],
    ['a trigger on another database', 'CREATE TRIGGER t AFTER INSERT ON prod.orders FOR EACH ROW SET @x = 1;', /names the database `prod`/],
    ['a trigger body writing another database', 'CREATE TRIGGER t AFTER INSERT ON orders FOR EACH ROW DELETE FROM `prod`.orders;', /names the database `prod`/],
    ['a view joining another database', 'CREATE VIEW v AS select `o`.`id` from (`orders` `o` join `prod`.`x` on(`x`.`id` = `o`.`id`));', /names the database `prod`/],
    ['a procedure calling another database', 'CREATE PROCEDURE p() CALL prod.wipe();', /names the database `prod`/],
    ['an event with dynamic SQL', "CREATE EVENT e ON SCHEDULE EVERY 1 SECOND DO EXECUTE IMMEDIATE 'DROP TABLE prod.orders';", /dynamic SQL/],
    ['a client shell command', '\\! id', /client command \(\\!\)/],
    ['a client command by name', 'system id', /starts with SYSTEM/],
    ['source', 'source /etc/passwd', /starts with SOURCE/],
    ['GRANT', "GRANT ALL ON *.* TO 'x'@'%';", /grants privileges/],
    ['CREATE USER', "CREATE OR REPLACE USER x IDENTIFIED BY 'y';", /creates a user/],
    ['SET GLOBAL', 'SET GLOBAL event_scheduler = ON;', /server-wide setting/],
    ['@@global', 'SET @@global.read_only = 1;', /server-wide setting/],
    ['a file written', "SELECT 1 INTO OUTFILE '/tmp/x';", /writes a file/],
    ['a table on another server', "CREATE TABLE `t` (`id` int) ENGINE=FEDERATED CONNECTION='mysql://u@host/prod/orders';", /stores a table on another server/],
    ['replication', "CHANGE MASTER TO MASTER_HOST='x';", /starts with CHANGE/],
    ['a multi-byte client character set', 'SET NAMES gbk;', /client character set to GBK/i],
    ['NO_BACKSLASH_ESCAPES followed', "SET sql_mode='NO_BACKSLASH_ESCAPES';\nINSERT INTO t VALUES ('\\'); DROP TABLE prod.orders; -- ');", /names the database `prod`/],
    ['ANSI_QUOTES followed', 'SET sql_mode = \'ANSI_QUOTES\';\nDROP TABLE "prod"."orders";', /names the database `prod`/],
    ['sql_mode from a variable changed by SELECT … INTO', "SET @m = '';\nSELECT 'NO_BACKSLASH_ESCAPES' INTO @m;\nSET sql_mode = @m;", /sql_mode to a value the scan cannot know/],
    ['a quote hiding the end of a skipped executable comment', "/*!999999 SELECT '*/ DROP TABLE prod.orders; -- ' */;", /"\*\/" inside a quoted text/]
  ])('refuses %s, naming the statement and its line', (_name, statement, reason) => {
    expect(() => scanMysql('drill', `SET NAMES utf8mb4;\n${statement}\n`)).toThrow(reason)
  })

  test.each([
    ['strings', "INSERT INTO t VALUES ('DROP TABLE prod.orders;', \"USE prod\", 'it\\'s `prod`.`x`');"],
    ['comments', '-- USE prod\n# DROP DATABASE x\n/* GRANT ALL ON prod.* */ SELECT 1;'],
    ['the target by name', 'ALTER DATABASE `drill` CHARACTER SET utf8mb4; ALTER DATABASE CHARACTER SET utf8mb4; USE drill; SELECT * FROM drill.t;'],
    ['an index hint', 'CREATE VIEW v AS SELECT t.a FROM t USE INDEX (i) WHERE t.a = 1;'],
    ['a variable named like a setting', 'DELIMITER ;;\nCREATE PROCEDURE p() BEGIN DECLARE password INT; SET password = 1; END ;;\nDELIMITER ;']
  ])('passes what only looks like another database: %s', (_name, statement) => {
    expect(() => scanMysql('drill', `${statement}\n`)).not.toThrow()
  })

  test('counts lines inside strings and comments', () => {
    expect(() => scanMysql('drill', "INSERT INTO t VALUES ('a\nb\nc');\n/* x\ny */\nUSE prod;\n")).toThrow(/line 6:/)
  })
})

/** pg_restore 15's script output of an ordinary archive (--schema-only and --data-only), as the restore reads it. */
const PG_SCHEMA = [
  '--',
  '-- PostgreSQL database dump',
  '\\restrict AyiyvNBlmwdkUkVEDvu0pSKTcnf3V113NAr2X59h2VaTa8xN953TVh609HDBjHy',
  'SET statement_timeout = 0;',
  "SET client_encoding = 'UTF8';",
  'SET standard_conforming_strings = on;',
  "SELECT pg_catalog.set_config('search_path', '', false);",
  'SET check_function_bodies = false;',
  'CREATE FUNCTION public.f(x integer) RETURNS integer',
  '    LANGUAGE sql',
  '    AS $$ select x+1 $$;',
  'CREATE FUNCTION public.g() RETURNS trigger',
  '    LANGUAGE plpgsql',
  "    AS $_$ begin raise notice 'it''s $x$'; return new; end $_$;",
  "SET default_tablespace = '';",
  'CREATE TABLE public.t (',
  '    id integer NOT NULL,',
  "    v text DEFAULT 'a \\ b'::text",
  ');',
  "COMMENT ON TABLE public.t IS 'CREATE ROLE x; \\connect prod';",
  'ALTER TABLE ONLY public.t',
  '    ADD CONSTRAINT t_pkey PRIMARY KEY (id);',
  'CREATE INDEX t_f_idx ON public.t USING btree (public.f(id));',
  'CREATE TRIGGER tg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.g();',
  'REFRESH MATERIALIZED VIEW public.mv;',
  '\\unrestrict AyiyvNBlmwdkUkVEDvu0pSKTcnf3V113NAr2X59h2VaTa8xN953TVh609HDBjHy',
  ''
].join('\n')

const PG_DATA = [
  'SET standard_conforming_strings = on;',
  'COPY public.t (id, v) FROM stdin;',
  "1\tCREATE ROLE x; GRANT ALL ON DATABASE prod TO x; it's",
  '2\t\\\\connect prod',
  '3\t\\N',
  '\\.',
  "SELECT pg_catalog.setval('public.s', 1, true);",
  ''
].join('\n')

describe('PgScriptScanner: the SQL pg_restore would run', () => {
  test.each([1, 5, 4096])('passes the scripts of an ordinary archive (chunks of %i bytes)', (size) => {
    expect(() => scanPg(PG_SCHEMA, size)).not.toThrow()
    expect(() => scanPg(PG_DATA, size)).not.toThrow()
  })

  test.each([
    ['\\connect', '\\connect prod', /line 2: "\\connect prod" is a psql meta-command \(\\connect\)/],
    ['a shell escape', '\\! id', /psql meta-command/],
    ['CREATE DATABASE (pg_dump --create)', "CREATE DATABASE prod WITH TEMPLATE = template0 ENCODING = 'UTF8';", /creates a database/],
    ['ALTER DATABASE', 'ALTER DATABASE prod SET work_mem TO \'8MB\';', /alters a database/],
    ['DROP DATABASE', 'DROP DATABASE prod;', /drops a database/],
    ['CREATE ROLE', 'CREATE ROLE intruder SUPERUSER;', /creates a role/],
    ['alter role, lower case', "alter role postgres with password 'x';", /alters a role/],
    ['ALTER USER', "ALTER USER postgres VALID UNTIL '2001-01-01';", /alters a role/],
    ['CREATE GROUP', 'CREATE GROUP g;', /creates a role/],
    ['a grant of a role', 'GRANT pg_write_server_files TO app;', /grants privileges/],
    ['COMMENT ON ROLE', "COMMENT ON ROLE postgres IS 'x';", /acts on a role/],
    ['a tablespace', "CREATE TABLESPACE t LOCATION '/tmp';", /creates a tablespace/],
    ['ALTER SYSTEM', "ALTER SYSTEM SET archive_command = 'id';", /changes the server configuration/],
    ['COPY … PROGRAM', "COPY public.t FROM PROGRAM 'id';", /runs a program/],
    ['COPY to a file', "COPY public.t TO '/tmp/x';", /reads or writes a file/],
    ['SET ROLE', 'SET ROLE postgres;', /session's role/],
    ['SET SESSION AUTHORIZATION', 'SET SESSION AUTHORIZATION postgres;', /session's user/],
    ['a role made by a function body', 'CREATE FUNCTION public.plant(x integer) RETURNS integer LANGUAGE plpgsql AS $body$ BEGIN CREATE ROLE intruder; RETURN x; END $body$;', /"CREATE FUNCTION public\.plant.*" creates a role \(CREATE ROLE\)/],
    ['dynamic SQL in a function body', "CREATE FUNCTION public.f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'CREATE ROLE x'; END $$;", /dynamic SQL/],
    ['dblink', "SELECT public.dblink_exec('dbname=prod', 'DROP TABLE orders');", /connects to another database/],
    ['a statement after a body whose quote would hide it', "CREATE FUNCTION public.p() RETURNS int LANGUAGE plpython3u AS $$ # don't $$;\nCREATE ROLE x;", /line 3: "CREATE ROLE" creates a role/],
    ['a C function', "CREATE FUNCTION public.c() RETURNS int LANGUAGE c AS '/tmp/evil.so', 'f';", /server code/],
    ['set_config of a reading setting', "SELECT pg_catalog.set_config('standard_conforming_strings', 'off', false);", /set_config/],
    ['a multi-byte client encoding', "SET client_encoding = 'SJIS';", /client encoding to SJIS/],
    ['an escaped quote that ends the string', "INSERT INTO t VALUES ('it\\'); CREATE ROLE x; --');", /creates a role/],
    ['a COPY header that is not from stdin, in the data', 'COPY public.t (id) FROM PROGRAM \'id\';', /runs a program/]
  ])('refuses %s, naming the statement and its line', (_name, statement, reason) => {
    expect(() => scanPg(`SET standard_conforming_strings = on;\n${statement}\n`)).toThrow(reason)
  })

  test.each([65_536, 65_537])('a 50 MB COPY row (chunks of %i bytes) is skipped in bounded steps, and a statement after it is still found on its line', (size) => {
    const row = Buffer.alloc(50 * 1024 * 1024, 'ab')
    row.write('1\t\\x', 0)
    const script = (after: string) => Buffer.concat([Buffer.from('COPY public.blobs (id, data) FROM stdin;\n'), row, Buffer.from(`\n\\.\n${after}`)])
    expect(() => scanPg(script("SELECT pg_catalog.setval('public.s', 1, true);\n"), size)).not.toThrow()
    expect(() => scanPg(script('CREATE ROLE intruder;\n'), size)).toThrow(/line 4: "CREATE ROLE" creates a role/)
  })

  test('follows standard_conforming_strings off: a backslash escapes the quote there', () => {
    expect(() => scanPg("SET standard_conforming_strings = off;\nINSERT INTO t VALUES ('it\\'s; CREATE ROLE x; --');\n")).not.toThrow()
    expect(() => scanPg("INSERT INTO t VALUES (E'it\\'s; CREATE ROLE x; --');\n")).not.toThrow()
  })
})
