-- The site-guard attack corpus (issue 10). The site under attack (GuardSite) holds:
--   customers(cust_id, name, email, phone, age, city)  export: aggregates, min-group-size 5,
--                                                       email and phone denied
--   custrows(cust_id, name, email, phone)               export: rows, email and phone denied
--   sales(id, cust_id, amount)                          export: aggregates
--   vault(id, secret)                                   export: none
--   cities(city, country)                               export: rows
-- Every statement runs straight at the site (official Flight SQL JDBC driver) and through
-- jdbc:shoal:. "-- refuse" marks statements that must fail: they read a denied column, a hidden
-- table or a forbidden function, so even their row counts would leak. "-- refuse-at-site" must
-- fail at the site; the coordinator may answer them when its optimiser proves the answer does
-- not depend on the denied column (WHERE false, x OR true) and sends no fragment that reads it.
-- Unmarked statements may be answered, but no cell may carry a protected value.
-- "-- params: a | b" binds parameters.
-- A statement ends at a line holding only ";".

-- CTE shadowing: a CTE named like a real table, declared at each nesting level
-- refuse
SELECT email, phone FROM customers, (WITH customers AS (SELECT 1 AS x) SELECT x FROM customers) AS q
;
-- refuse
SELECT secret FROM vault, (WITH vault AS (SELECT 1 AS x) SELECT x FROM vault) AS q
;
-- refuse
SELECT * FROM (SELECT * FROM (WITH custrows AS (SELECT 1 AS x) SELECT x FROM custrows) AS a, custrows) AS b
;
-- refuse
WITH a AS (WITH customers AS (SELECT 2 AS x) SELECT x FROM customers) SELECT email FROM customers, a
;
-- refuse
SELECT (WITH customers AS (SELECT 1 AS x) SELECT max(x) FROM customers) AS y, email FROM customers
;
-- refuse
SELECT email FROM custrows WHERE EXISTS (WITH custrows AS (SELECT 1 AS x) SELECT * FROM custrows)
;
-- refuse
WITH vault AS (SELECT * FROM vault) SELECT * FROM vault
;
-- refuse
SELECT s.* FROM (WITH sales AS (SELECT 1 AS id) SELECT * FROM sales) AS q, sales AS s
;
-- refuse
SELECT * FROM custrows, (WITH custrows AS (SELECT 1 AS x) SELECT x FROM custrows) AS q
;
-- refuse
WITH x AS (SELECT 1 AS y) SELECT * FROM (WITH x AS (SELECT * FROM (WITH vault AS (SELECT 0 AS id) SELECT * FROM vault) AS v) SELECT * FROM x) AS z, vault
;
-- Alias column lists rename denied columns
-- refuse
SELECT count(*) FROM customers AS t(i, nm, em) WHERE em LIKE 'user1%'
;
-- refuse
SELECT em, ph FROM custrows AS t(cust_id, nm, em, ph)
;
-- refuse
SELECT x FROM (SELECT email FROM custrows) AS t(x)
;
-- refuse
SELECT c FROM custrows AS t(a, b, c)
;
-- refuse
WITH w(x, y) AS (SELECT email, phone FROM custrows) SELECT x FROM w
;
-- refuse
SELECT count(*) FROM custrows AS t(a, b, c) WHERE c = 'user7@mail.example'
;
-- USING and NATURAL joins compare denied columns without naming them twice
-- refuse
SELECT count(*) FROM customers JOIN (SELECT 'user1@mail.example' AS email) AS k USING (email)
;
-- refuse
SELECT count(*) FROM custrows NATURAL JOIN (SELECT 'user1@mail.example' AS email) AS t
;
-- refuse
SELECT cust_id FROM custrows JOIN (SELECT 'user1@mail.example' AS email) AS k USING (email)
;
-- refuse
SELECT count(*) FROM custrows AS a JOIN custrows AS b USING (phone)
;
-- refuse
SELECT * FROM custrows NATURAL JOIN cities
;
-- Star, COLUMNS and positional references
-- refuse
SELECT * FROM custrows
;
-- refuse
SELECT * EXCLUDE (email) FROM custrows
;
-- refuse
SELECT COLUMNS('e.*') FROM custrows
;
-- refuse
SELECT COLUMNS(lambda c: c LIKE '%ph%') FROM custrows
;
-- refuse
SELECT * REPLACE (upper(email) AS email) FROM custrows
;
-- refuse
SELECT max(COLUMNS(*)) FROM custrows
;
-- refuse
SELECT custrows.* FROM custrows
;
-- refuse
SELECT #3 FROM custrows
;
-- Struct and list packing, whole-row references
-- refuse
SELECT {'e': email} FROM custrows
;
-- refuse
SELECT [email, phone] FROM custrows
;
-- refuse
SELECT custrows FROM custrows
;
-- refuse
SELECT t FROM custrows AS t
;
-- refuse
SELECT count(*) FROM custrows AS t WHERE t::VARCHAR LIKE '%user1@%'
;
-- refuse
SELECT struct_pack(x := phone) FROM custrows
;
-- refuse
SELECT row(cust_id, email) FROM custrows
;
-- refuse
SELECT to_json(t) FROM custrows AS t
;
-- refuse
SELECT list_filter([email], lambda x: x LIKE 'u%') FROM custrows
;
-- refuse
SELECT (t).email FROM custrows AS t
;
-- Lateral joins
-- refuse
SELECT l.e FROM cities, LATERAL (SELECT email AS e FROM custrows LIMIT 1) AS l
;
-- refuse
SELECT count(*) FROM sales AS s, LATERAL (SELECT email FROM customers AS c WHERE c.cust_id = s.cust_id) AS l WHERE l.email LIKE 'user1%'
;
-- PIVOT and UNPIVOT
-- refuse
PIVOT custrows ON email USING count(*)
;
-- refuse
UNPIVOT custrows ON email, phone INTO NAME k VALUE v
;
-- refuse
SELECT * FROM (UNPIVOT (SELECT cust_id, email FROM custrows) ON email INTO NAME k VALUE v)
;
-- refuse
PIVOT custrows ON name IN ('cust1') USING first(phone)
;
-- Subqueries anywhere
-- refuse
SELECT (SELECT email FROM custrows LIMIT 1)
;
-- refuse
SELECT count(*) FROM cities WHERE (SELECT count(*) FROM custrows WHERE email = 'user3@mail.example') > 0
;
-- refuse
SELECT * FROM cities ORDER BY (SELECT phone FROM custrows LIMIT 1)
;
-- refuse
SELECT count(*) FROM cities GROUP BY (SELECT email FROM custrows LIMIT 1)
;
-- refuse
SELECT sum(length(email)) FROM custrows
;
-- Table functions, settings and catalog functions
-- refuse
SELECT * FROM query('SELECT * FROM vault')
;
-- refuse
SELECT * FROM query_table('vault')
;
-- refuse
SELECT * FROM query_table('custrows')
;
-- refuse
SELECT current_setting('allowed_directories')
;
-- refuse
SELECT version()
;
-- refuse
SELECT getenv('HOME')
;
-- refuse
SELECT * FROM duckdb_settings()
;
-- refuse
SELECT * FROM read_csv('/etc/passwd')
;
-- refuse
SELECT * FROM read_parquet('*.parquet')
;
-- refuse
SELECT * FROM read_text('/etc/hostname')
;
-- refuse
SELECT * FROM duckdb_tables()
;
-- refuse
SELECT * FROM information_schema.columns
;
-- refuse
SELECT * FROM pragma_database_list()
;
-- refuse
SELECT current_setting('temp_directory'), current_setting('memory_limit')
;
-- refuse
SELECT * FROM glob('/*')
;
-- refuse
SELECT * FROM sniff_csv('/etc/passwd')
;
-- refuse
SELECT getvariable('x')
;
-- refuse
SELECT * FROM vault AT (VERSION => 1)
;
-- Hidden tables by other names
-- refuse
SELECT * FROM (FROM vault)
;
-- refuse
FROM vault SELECT secret
;
-- refuse
SELECT * FROM main.vault
;
-- refuse
SELECT * FROM "VAULT"
;
-- refuse
SELECT * FROM memory.main.vault
;
-- refuse
SELECT * FROM temp.main.vault
;
-- refuse
SELECT 1; SELECT secret FROM vault
;
-- Parameters
-- refuse
-- params: user1@mail.example
SELECT count(*) FROM customers WHERE email = ?
;
-- refuse
-- params: SELECT * FROM vault
SELECT * FROM query(?)
;
-- refuse
-- params: allowed_directories
SELECT current_setting(?)
;
-- refuse
-- params: 3 | +1-555%
SELECT count(*) FROM custrows WHERE cust_id = ? AND phone LIKE ?
;
-- Aggregates that reveal one bit of one row: the coordinator and the site agree
-- refuse
SELECT bool_or(cust_id = 3 AND age > 40) FROM customers
;
-- refuse
SELECT bool_and(age > 40) FROM customers WHERE city = 'c1'
;
-- Denied columns in every other role
-- refuse-at-site
SELECT email FROM custrows WHERE false
;
-- refuse-at-site
SELECT count(*) FROM custrows WHERE email IS NULL OR true
;
-- refuse
SELECT cust_id FROM custrows ORDER BY phone LIMIT 1
;
-- refuse
SELECT count(*) FROM custrows GROUP BY email HAVING count(*) > 0
;
-- refuse
SELECT count(*) FILTER (WHERE email LIKE 'user1%') FROM custrows
;
-- refuse
SELECT cust_id FROM custrows QUALIFY row_number() OVER (ORDER BY phone) = 1
;
-- refuse
SELECT x FROM custrows, unnest([email]) AS u(x)
;
-- refuse
SELECT email COLLATE nocase FROM custrows
;
-- refuse
SELECT count(*) FROM custrows WHERE email SIMILAR TO 'user1.*'
;
-- refuse
SELECT count(*) FROM custrows WHERE email GLOB 'user1*'
;
-- refuse
SELECT cust_id FROM custrows WHERE email ^@ 'user1'
;
-- refuse
SELECT cust_id FROM custrows WHERE contains(email, 'user1')
;
-- refuse
SELECT count(*) FROM customers SEMI JOIN (SELECT 'user1@mail.example' AS e) AS k ON customers.email = k.e
;
-- refuse
SELECT DISTINCT ON (phone) cust_id FROM custrows
;
-- refuse
SELECT cust_id FROM custrows WHERE length(phone) > 0 AND cust_id = 3
;
-- Raw rows of aggregates-only and hidden tables through other shapes
-- refuse
SELECT * FROM vault UNION ALL SELECT 1, 'x'
;
-- refuse
SELECT cust_id, name FROM customers
;
-- refuse
SELECT amount FROM sales WHERE id = 17
;
SELECT count(*) FROM customers POSITIONAL JOIN custrows
;
SELECT city, count(*) FROM customers GROUP BY city
;
-- refuse
SELECT * FROM customers LIMIT 1
;
SELECT name FROM customers GROUP BY name HAVING count(*) >= 0
;
