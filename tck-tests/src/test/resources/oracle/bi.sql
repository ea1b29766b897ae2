-- BI-style oracle corpus: every function in SELECT, WHERE and GROUP BY over `events` (eu 1000 rows,
-- us 10, apac none, NULLs in every nullable column), then charts as BI tools write them and joins
-- across the customer key domain. Compared as multisets unless the outermost clause is ORDER BY.
-- For the single-DuckDB oracle, JDBC escapes are unwrapped and nvl is coalesce (see BiOracleTest).

-- == each function in SELECT
SELECT id, length(grp) AS v FROM events WHERE id % 7 = 1
;
SELECT id, left(name, 2) AS v FROM events WHERE id % 7 = 1
;
SELECT id, right(name, 2) AS v FROM events WHERE id % 7 = 1
;
SELECT id, substr(name, 2, 2) AS v FROM events WHERE id % 7 = 1
;
SELECT id, substring(name, 2) AS v FROM events WHERE id % 7 = 1
;
SELECT id, concat(grp, '-', name) AS v FROM events WHERE id % 7 = 1
;
SELECT id, concat_ws('/', grp, name, small) AS v FROM events WHERE id % 7 = 1
;
SELECT id, lower(upper(grp)) AS v FROM events WHERE id % 7 = 1
;
SELECT id, trim('  ' || grp || ' ') AS v FROM events WHERE id % 7 = 1
;
SELECT id, ltrim('  ' || grp) AS v FROM events WHERE id % 7 = 1
;
SELECT id, rtrim(grp || '  ') AS v FROM events WHERE id % 7 = 1
;
SELECT id, replace(name, '1', 'x') AS v FROM events WHERE id % 7 = 1
;
SELECT id, position('1' IN name) AS v FROM events WHERE id % 7 = 1
;
SELECT id, strpos(name, '2') AS v FROM events WHERE id % 7 = 1
;
SELECT id, split_part(grp, 'g', 2) AS v FROM events WHERE id % 7 = 1
;
SELECT id, lpad(grp, 4, '*') AS v FROM events WHERE id % 7 = 1
;
SELECT id, rpad(grp, 4, '-') AS v FROM events WHERE id % 7 = 1
;
SELECT id, starts_with(name, 'n1') AS v FROM events WHERE id % 7 = 1
;
SELECT id, contains(name, '5') AS v FROM events WHERE id % 7 = 1
;
SELECT id, regexp_matches(name, '^n[0-9]5') AS v FROM events WHERE id % 7 = 1
;
SELECT id, regexp_replace(name, '[0-9]', '#') AS v FROM events WHERE id % 7 = 1
;
SELECT id, regexp_replace(name, '[0-9]', '#', 'g') AS v FROM events WHERE id % 7 = 1
;
SELECT id, regexp_extract(name, '[0-9]+') AS v FROM events WHERE id % 7 = 1
;
SELECT id, regexp_extract(name, 'n([0-9])', 1) AS v FROM events WHERE id % 7 = 1
;
SELECT id, name ILIKE 'N1%' AS v FROM events WHERE id % 7 = 1
;
SELECT id, date_trunc('month', ts) AS v FROM events WHERE id % 7 = 1
;
SELECT id, date_trunc('week', day) AS v FROM events WHERE id % 7 = 1
;
SELECT id, date_trunc('hour', ts) AS v FROM events WHERE id % 7 = 1
;
SELECT id, date_part('dow', day) AS v FROM events WHERE id % 7 = 1
;
SELECT id, date_part('year', ts) * 100 + date_part('month', ts) AS v FROM events WHERE id % 7 = 1
;
SELECT id, datepart('day', day) AS v FROM events WHERE id % 7 = 1
;
SELECT id, EXTRACT(DOW FROM day) AS v FROM events WHERE id % 7 = 1
;
SELECT id, EXTRACT(DOY FROM ts) AS v FROM events WHERE id % 7 = 1
;
SELECT id, EXTRACT(WEEK FROM day) AS v FROM events WHERE id % 7 = 1
;
SELECT id, EXTRACT(QUARTER FROM day) AS v FROM events WHERE id % 7 = 1
;
SELECT id, EXTRACT(EPOCH FROM ts) AS v FROM events WHERE id % 7 = 1
;
SELECT id, EXTRACT(YEAR FROM day) AS v FROM events WHERE id % 7 = 1
;
SELECT id, date_diff('day', day, ts) AS v FROM events WHERE id % 7 = 1
;
SELECT id, datediff('hour', DATE '2024-01-01', ts) AS v FROM events WHERE id % 7 = 1
;
SELECT id, date_diff('month', day, ts) AS v FROM events WHERE id % 7 = 1
;
SELECT id, date_add(day, INTERVAL '1' MONTH) AS v FROM events WHERE id % 7 = 1
;
SELECT id, strftime(ts, '%Y-%m') AS v FROM events WHERE id % 7 = 1
;
SELECT id, strftime(day, '%d/%m/%Y %a %b') AS v FROM events WHERE id % 7 = 1
;
SELECT id, make_date(2024, 2, small + 1) AS v FROM events WHERE id % 7 = 1
;
SELECT id, day < current_date AS v FROM events WHERE id % 7 = 1
;
SELECT id, round(score, 2) AS v FROM events WHERE id % 7 = 1
;
SELECT id, round(amount) AS v FROM events WHERE id % 7 = 1
;
SELECT id, floor(amount) AS v FROM events WHERE id % 7 = 1
;
SELECT id, ceil(score * 10) AS v FROM events WHERE id % 7 = 1
;
SELECT id, abs(amount) AS v FROM events WHERE id % 7 = 1
;
SELECT id, power(small, 2) AS v FROM events WHERE id % 7 = 1
;
SELECT id, sqrt(score) AS v FROM events WHERE id % 7 = 1
;
SELECT id, ln(score + 1) AS v FROM events WHERE id % 7 = 1
;
SELECT id, log(score + 1) AS v FROM events WHERE id % 7 = 1
;
SELECT id, mod(small, 3) AS v FROM events WHERE id % 7 = 1
;
SELECT id, small % 4 AS v FROM events WHERE id % 7 = 1
;
SELECT id, greatest(small, 5) AS v FROM events WHERE id % 7 = 1
;
SELECT id, least(small, 5, id) AS v FROM events WHERE id % 7 = 1
;
SELECT id, small / 4 AS v FROM events WHERE id % 7 = 1
;
SELECT id, coalesce(small, -1) AS v FROM events WHERE id % 7 = 1
;
SELECT id, ifnull(grp, 'none') AS v FROM events WHERE id % 7 = 1
;
SELECT id, nullif(small, 0) AS v FROM events WHERE id % 7 = 1
;
SELECT id, nvl(grp, '?') AS v FROM events WHERE id % 7 = 1
;
SELECT id, TRY_CAST(grp AS INTEGER) AS v FROM events WHERE id % 7 = 1
;
SELECT id, small::VARCHAR AS v FROM events WHERE id % 7 = 1
;
SELECT id, CAST(amount AS INTEGER) AS v FROM events WHERE id % 7 = 1
;
SELECT id, {fn UCASE(grp)} AS v FROM events WHERE id % 7 = 1
;
SELECT id, {fn CONCAT(grp, name)} AS v FROM events WHERE id % 7 = 1
;
SELECT id, day > {d '2024-02-01'} AS v FROM events WHERE id % 7 = 1
;
-- == each function in WHERE
SELECT id, grp FROM events WHERE length(grp) = 2
;
SELECT id, grp FROM events WHERE left(name, 2) = 'n1'
;
SELECT id, grp FROM events WHERE right(name, 2) = '07'
;
SELECT id, grp FROM events WHERE substr(name, 2, 2) = '12'
;
SELECT id, grp FROM events WHERE substring(name, 2) LIKE '9%'
;
SELECT id, grp FROM events WHERE concat(grp, '-', name) LIKE '-%'
;
SELECT id, grp FROM events WHERE concat_ws('/', grp, name) LIKE 'g1/%'
;
SELECT id, grp FROM events WHERE upper(grp) = 'G3'
;
SELECT id, grp FROM events WHERE trim('  ' || grp || ' ') = 'g2'
;
SELECT id, grp FROM events WHERE ltrim('  ' || grp) = 'g4'
;
SELECT id, grp FROM events WHERE rtrim(grp || '  ') = 'g0'
;
SELECT id, grp FROM events WHERE replace(name, '1', '') = 'n'
;
SELECT id, grp FROM events WHERE position('1' IN name) = 2
;
SELECT id, grp FROM events WHERE strpos(name, '2') > 2
;
SELECT id, grp FROM events WHERE split_part(name, '9', 1) = 'n'
;
SELECT id, grp FROM events WHERE lpad(grp, 4, '*') = '**g1'
;
SELECT id, grp FROM events WHERE rpad(grp, 3, '-') = 'g2-'
;
SELECT id, grp FROM events WHERE starts_with(name, 'n99')
;
SELECT id, grp FROM events WHERE contains(name, '55')
;
SELECT id, grp FROM events WHERE regexp_matches(name, '7$')
;
SELECT id, grp FROM events WHERE regexp_replace(name, '[0-9]', '') = 'n'
;
SELECT id, grp FROM events WHERE regexp_replace(name, '[13579]', '', 'g') = 'n'
;
SELECT id, grp FROM events WHERE regexp_extract(name, '[0-9]$') = '3'
;
SELECT id, grp FROM events WHERE regexp_extract(name, 'n([0-9])([0-9])', 2) = '0'
;
SELECT id, grp FROM events WHERE grp ILIKE 'G2'
;
SELECT id, grp FROM events WHERE date_trunc('month', ts) = TIMESTAMP '2024-01-01 00:00:00'
;
SELECT id, grp FROM events WHERE date_trunc('week', day) = TIMESTAMP '2024-01-08 00:00:00'
;
SELECT id, grp FROM events WHERE date_trunc('day', ts) = TIMESTAMP '2024-01-10 00:00:00'
;
SELECT id, grp FROM events WHERE date_part('dow', day) = 0
;
SELECT id, grp FROM events WHERE date_part('hour', ts) = 13
;
SELECT id, grp FROM events WHERE datepart('day', day) = 15
;
SELECT id, grp FROM events WHERE EXTRACT(DOW FROM day) = 6
;
SELECT id, grp FROM events WHERE EXTRACT(DOY FROM day) = 32
;
SELECT id, grp FROM events WHERE EXTRACT(WEEK FROM day) = 2
;
SELECT id, grp FROM events WHERE EXTRACT(QUARTER FROM day) = 1
;
SELECT id, grp FROM events WHERE EXTRACT(EPOCH FROM ts) < 1704100000
;
SELECT id, grp FROM events WHERE EXTRACT(MONTH FROM day) = 2
;
SELECT id, grp FROM events WHERE date_diff('day', DATE '2024-01-01', day) = 10
;
SELECT id, grp FROM events WHERE datediff('hour', TIMESTAMP '2024-01-01 00:00:00', ts) < 5
;
SELECT id, grp FROM events WHERE date_diff('week', day, DATE '2024-03-01') = 2
;
SELECT id, grp FROM events WHERE date_add(day, INTERVAL '10' DAY) > TIMESTAMP '2024-03-01 00:00:00'
;
SELECT id, grp FROM events WHERE strftime(ts, '%Y-%m-%d') = '2024-01-05'
;
SELECT id, grp FROM events WHERE strftime(day, '%A') = 'Monday'
;
SELECT id, grp FROM events WHERE make_date(2024, 1, small + 1) = day
;
SELECT id, grp FROM events WHERE day < current_date AND ts < now()
;
SELECT id, grp FROM events WHERE round(score, 1) = 0.5
;
SELECT id, grp FROM events WHERE round(amount) = 10
;
SELECT id, grp FROM events WHERE floor(score * 10) = 3
;
SELECT id, grp FROM events WHERE ceil(amount) = -5
;
SELECT id, grp FROM events WHERE abs(amount) < 1
;
SELECT id, grp FROM events WHERE power(small, 2) > 100
;
SELECT id, grp FROM events WHERE sqrt(score) > 0.9
;
SELECT id, grp FROM events WHERE ln(score + 1) < 0.1
;
SELECT id, grp FROM events WHERE log(small + 1) = 1
;
SELECT id, grp FROM events WHERE mod(id, 100) = 7
;
SELECT id, grp FROM events WHERE small % 4 = 3
;
SELECT id, grp FROM events WHERE greatest(small, 5) = 5
;
SELECT id, grp FROM events WHERE least(small, 3) = 3
;
SELECT id, grp FROM events WHERE small / 4 = 2.5
;
SELECT id, grp FROM events WHERE coalesce(small, -1) = -1
;
SELECT id, grp FROM events WHERE ifnull(grp, 'none') = 'none'
;
SELECT id, grp FROM events WHERE nullif(small, 0) IS NULL
;
SELECT id, grp FROM events WHERE nvl(grp, '?') = '?'
;
SELECT id, grp FROM events WHERE TRY_CAST(substr(name, 2) AS INTEGER) < 5
;
SELECT id, grp FROM events WHERE small::VARCHAR = '12'
;
SELECT id, grp FROM events WHERE amount::INTEGER = 10
;
SELECT id, grp FROM events WHERE {fn LCASE(name)} = 'n7'
;
SELECT id, grp FROM events WHERE {fn LENGTH(name)} = 2
;
SELECT id, grp FROM events WHERE ts >= {ts '2024-01-20 00:00:00'} AND day < {d '2024-01-22'}
;
-- == each function in GROUP BY (partial aggregates at the sites, merged at the coordinator)
SELECT length(grp) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY length(grp)
;
SELECT left(name, 2) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY left(name, 2)
;
SELECT right(name, 2) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY right(name, 2)
;
SELECT substr(name, 2, 2) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY substr(name, 2, 2)
;
SELECT substring(name, 2) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY substring(name, 2)
;
SELECT concat(grp, '-', name) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY concat(grp, '-', name)
;
SELECT concat_ws('/', grp, name, small) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY concat_ws('/', grp, name, small)
;
SELECT lower(upper(grp)) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY lower(upper(grp))
;
SELECT trim('  ' || grp || ' ') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY trim('  ' || grp || ' ')
;
SELECT ltrim('  ' || grp) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY ltrim('  ' || grp)
;
SELECT rtrim(grp || '  ') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY rtrim(grp || '  ')
;
SELECT replace(name, '1', 'x') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY replace(name, '1', 'x')
;
SELECT position('1' IN name) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY position('1' IN name)
;
SELECT strpos(name, '2') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY strpos(name, '2')
;
SELECT split_part(grp, 'g', 2) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY split_part(grp, 'g', 2)
;
SELECT lpad(grp, 4, '*') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY lpad(grp, 4, '*')
;
SELECT rpad(grp, 4, '-') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY rpad(grp, 4, '-')
;
SELECT starts_with(name, 'n1') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY starts_with(name, 'n1')
;
SELECT contains(name, '5') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY contains(name, '5')
;
SELECT regexp_matches(name, '^n[0-9]5') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY regexp_matches(name, '^n[0-9]5')
;
SELECT regexp_replace(name, '[0-9]', '#') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY regexp_replace(name, '[0-9]', '#')
;
SELECT regexp_replace(name, '[0-9]', '#', 'g') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY regexp_replace(name, '[0-9]', '#', 'g')
;
SELECT regexp_extract(name, '[0-9]+') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY regexp_extract(name, '[0-9]+')
;
SELECT regexp_extract(name, 'n([0-9])', 1) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY regexp_extract(name, 'n([0-9])', 1)
;
SELECT name ILIKE 'N1%' AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY name ILIKE 'N1%'
;
SELECT date_trunc('month', ts) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY date_trunc('month', ts)
;
SELECT date_trunc('week', day) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY date_trunc('week', day)
;
SELECT date_trunc('hour', ts) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY date_trunc('hour', ts)
;
SELECT date_part('dow', day) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY date_part('dow', day)
;
SELECT date_part('year', ts) * 100 + date_part('month', ts) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY date_part('year', ts) * 100 + date_part('month', ts)
;
SELECT datepart('day', day) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY datepart('day', day)
;
SELECT EXTRACT(DOW FROM day) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY EXTRACT(DOW FROM day)
;
SELECT EXTRACT(DOY FROM ts) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY EXTRACT(DOY FROM ts)
;
SELECT EXTRACT(WEEK FROM day) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY EXTRACT(WEEK FROM day)
;
SELECT EXTRACT(QUARTER FROM day) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY EXTRACT(QUARTER FROM day)
;
SELECT EXTRACT(EPOCH FROM ts) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY EXTRACT(EPOCH FROM ts)
;
SELECT EXTRACT(YEAR FROM day) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY EXTRACT(YEAR FROM day)
;
SELECT date_diff('day', day, ts) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY date_diff('day', day, ts)
;
SELECT datediff('hour', DATE '2024-01-01', ts) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY datediff('hour', DATE '2024-01-01', ts)
;
SELECT date_diff('month', day, ts) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY date_diff('month', day, ts)
;
SELECT date_add(day, INTERVAL '1' MONTH) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY date_add(day, INTERVAL '1' MONTH)
;
SELECT strftime(ts, '%Y-%m') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY strftime(ts, '%Y-%m')
;
SELECT strftime(day, '%d/%m/%Y %a %b') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY strftime(day, '%d/%m/%Y %a %b')
;
SELECT make_date(2024, 2, small + 1) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY make_date(2024, 2, small + 1)
;
SELECT day < current_date AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY day < current_date
;
SELECT round(score, 2) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY round(score, 2)
;
SELECT round(amount) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY round(amount)
;
SELECT floor(amount) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY floor(amount)
;
SELECT ceil(score * 10) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY ceil(score * 10)
;
SELECT abs(amount) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY abs(amount)
;
SELECT power(small, 2) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY power(small, 2)
;
SELECT sqrt(score) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY sqrt(score)
;
SELECT ln(score + 1) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY ln(score + 1)
;
SELECT log(score + 1) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY log(score + 1)
;
SELECT mod(small, 3) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY mod(small, 3)
;
SELECT small % 4 AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY small % 4
;
SELECT greatest(small, 5) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY greatest(small, 5)
;
SELECT least(small, 5, id) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY least(small, 5, id)
;
SELECT small / 4 AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY small / 4
;
SELECT coalesce(small, -1) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY coalesce(small, -1)
;
SELECT ifnull(grp, 'none') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY ifnull(grp, 'none')
;
SELECT nullif(small, 0) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY nullif(small, 0)
;
SELECT nvl(grp, '?') AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY nvl(grp, '?')
;
SELECT TRY_CAST(grp AS INTEGER) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY TRY_CAST(grp AS INTEGER)
;
SELECT small::VARCHAR AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY small::VARCHAR
;
SELECT CAST(amount AS INTEGER) AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY CAST(amount AS INTEGER)
;
SELECT {fn UCASE(grp)} AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY {fn UCASE(grp)}
;
SELECT {fn CONCAT(grp, name)} AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY {fn CONCAT(grp, name)}
;
SELECT day > {d '2024-02-01'} AS k, count(*) AS n, sum(small) AS s, count(grp) AS g FROM events GROUP BY day > {d '2024-02-01'}
;
-- == functions the coordinator computes: above the merge of the sites' partial aggregates
SELECT grp, strftime(max(ts), '%Y-%m-%d %H:%M') AS last_seen, date_part('doy', min(day)) AS first_doy, max(small) / 2 AS half, round(avg(score), 3) AS avg_score FROM events GROUP BY grp
;
SELECT grp, date_trunc('week', max(day)) AS wk, date_diff('day', min(day), max(day)) AS span, EXTRACT(DOW FROM max(day)) AS dow FROM events GROUP BY grp
;
SELECT grp, concat_ws(':', grp, count(*)) AS label, lpad(CAST(count(*) AS VARCHAR), 5, '0') AS padded, length(max(name)) AS len FROM events GROUP BY grp
;
SELECT grp, coalesce(max(small), 0) AS s, nullif(count(small), 0) AS c, greatest(max(small), 10) AS g, least(min(small), 2) AS l FROM events GROUP BY grp
;
SELECT grp, sum(small) / count(*) AS ratio, mod(sum(small), 7) AS m, abs(sum(amount)) AS a, round(sum(amount) / 3, 2) AS r3 FROM events GROUP BY grp
;
SELECT grp, regexp_replace(max(name), '[0-9]', '#', 'g') AS masked, regexp_extract(min(name), '[0-9]+') AS digits, upper(max(grp)) AS u, contains(max(name), '9') AS has9 FROM events GROUP BY grp
;
SELECT date_trunc('month', max(ts)) AS m, strftime(min(day), '%Y/%m/%d') AS d, make_date(2024, 1, count(*) % 28 + 1) AS md FROM events
;
SELECT grp, EXTRACT(WEEK FROM max(day)) AS w, EXTRACT(QUARTER FROM min(day)) AS q, date_part('dow', max(ts)) AS dw, datediff('hour', min(ts), max(ts)) AS hours FROM events GROUP BY grp
;
SELECT grp, sqrt(sum(score)) AS s, ln(count(*)) AS l, log(count(*)) AS lg, power(count(*), 2) AS p, floor(avg(amount)) AS f, ceil(avg(amount)) AS c FROM events GROUP BY grp
;
-- == Metabase-style date-bucketed chart: date_trunc in SELECT and GROUP BY, count and sum, ordered by bucket
SELECT date_trunc('day', "events"."ts") AS "ts", count(*) AS "count" FROM "events" GROUP BY date_trunc('day', "events"."ts") ORDER BY date_trunc('day', "events"."ts") ASC
;
SELECT date_trunc('week', "events"."day") AS "day", sum("events"."amount") AS "sum" FROM "events" WHERE "events"."day" >= DATE '2024-01-08' AND "events"."day" < DATE '2024-02-19' GROUP BY date_trunc('week', "events"."day") ORDER BY date_trunc('week', "events"."day") ASC
;
SELECT date_trunc('month', "events"."ts") AS "ts", "events"."grp" AS "grp", count(*) AS "count" FROM "events" GROUP BY date_trunc('month', "events"."ts"), "events"."grp" ORDER BY date_trunc('month', "events"."ts") ASC, "events"."grp" ASC
;
SELECT EXTRACT(DOW FROM "events"."day") + 1 AS "day", count(*) AS "count" FROM "events" GROUP BY EXTRACT(DOW FROM "events"."day") + 1 ORDER BY EXTRACT(DOW FROM "events"."day") + 1 ASC
;
SELECT CAST(date_trunc('hour', ts) AS TIME) AS hour_of_day, count(*) AS n FROM events GROUP BY 1 ORDER BY 1
;
SELECT CAST(ts AS DATE) AS day, count(*) AS n, count(DISTINCT grp) AS groups FROM events GROUP BY CAST(ts AS DATE) ORDER BY day
;
-- == Superset-style: time grain expressions, top-10 bar chart, filtered table
SELECT DATE_TRUNC('day', ts) AS __timestamp, grp AS grp, SUM(amount) AS "SUM(amount)" FROM events WHERE ts >= TIMESTAMP '2024-01-02 00:00:00' AND ts < TIMESTAMP '2024-01-20 00:00:00' GROUP BY DATE_TRUNC('day', ts), grp ORDER BY "SUM(amount)" DESC, __timestamp, grp LIMIT 1000
;
SELECT grp AS grp, COUNT(*) AS count FROM events GROUP BY grp ORDER BY count DESC, grp LIMIT 10
;
SELECT name AS name, SUM(amount) AS "SUM(amount)" FROM events WHERE amount IS NOT NULL GROUP BY name ORDER BY "SUM(amount)" DESC, name LIMIT 10
;
SELECT c_name AS c_name, SUM(o_totalprice) AS revenue FROM orders JOIN customer ON o_custkey = c_custkey GROUP BY c_name ORDER BY revenue DESC, c_name LIMIT 10
;
SELECT id, grp, name, amount, day FROM events WHERE grp IN ('g1', 'g3') AND name ILIKE '%7%' AND amount > 0 ORDER BY id LIMIT 50
;
SELECT id, grp, score FROM events WHERE (grp IS NULL OR grp = 'g2') AND starts_with(name, 'n1') AND NOT flag ORDER BY id DESC LIMIT 25 OFFSET 5
;
SELECT id AS "value", name AS "user", day AS "date", small AS "year" FROM events WHERE contains(name, '44') ORDER BY "value"
;
SELECT id AS value, name AS user, day AS date, small AS year, grp AS month FROM events WHERE id BETWEEN 100 AND 110 ORDER BY value
;
SELECT date, count(*) AS n FROM (SELECT CAST(ts AS DATE) AS date, grp FROM events) t WHERE date > DATE '2024-01-20' GROUP BY date ORDER BY date
;
SELECT "year", count(*) FROM (SELECT EXTRACT(YEAR FROM day) AS "year" FROM events) t GROUP BY "year"
;
SELECT day, month, count(*) AS value FROM (SELECT EXTRACT(DAY FROM day) AS day, EXTRACT(MONTH FROM day) AS month FROM events) t GROUP BY day, month ORDER BY month, day
;
-- == joins across the customer key domain (co-located), with functions at the sites
SELECT c_mktsegment, date_trunc('year', o_orderdate) AS y, count(*) AS n, round(sum(o_totalprice), 2) AS total FROM orders JOIN customer ON o_custkey = c_custkey GROUP BY c_mktsegment, date_trunc('year', o_orderdate)
;
SELECT strftime(o_orderdate, '%Y-%m') AS ym, count(DISTINCT o_custkey) AS buyers FROM orders JOIN customer ON o_custkey = c_custkey WHERE c_name ILIKE '%00000%' GROUP BY strftime(o_orderdate, '%Y-%m')
;
SELECT upper(left(c_name, 10)) AS who, EXTRACT(QUARTER FROM o_orderdate) AS q, count(*) AS n FROM customer JOIN orders ON c_custkey = o_custkey WHERE regexp_matches(c_phone, '^1[0-9]-') GROUP BY upper(left(c_name, 10)), EXTRACT(QUARTER FROM o_orderdate)
;
SELECT c_custkey, concat_ws(' | ', c_name, c_mktsegment) AS label, date_diff('day', min(o_orderdate), max(o_orderdate)) AS span FROM customer JOIN orders ON c_custkey = o_custkey GROUP BY c_custkey, c_name, c_mktsegment HAVING count(*) > 20
;
SELECT split_part(c_phone, '-', 1) AS country, coalesce(sum(o_totalprice), 0) AS spent FROM customer LEFT JOIN orders ON c_custkey = o_custkey AND o_orderdate >= DATE '1998-01-01' GROUP BY split_part(c_phone, '-', 1)
;
SELECT c_nationkey, greatest(max(c_acctbal), 0) AS top, least(min(c_acctbal), 0) AS bottom, abs(min(c_acctbal)) AS a FROM customer GROUP BY c_nationkey
;
SELECT EXTRACT(DOW FROM o_orderdate) AS dow, date_part('isodow', o_orderdate) AS isodow, count(*) FROM orders GROUP BY 1, 2
;
SELECT o_orderpriority, sum(CASE WHEN o_orderstatus = 'F' THEN 1 ELSE 0 END) / count(*) AS share_f FROM orders GROUP BY o_orderpriority
;
SELECT regexp_replace(o_clerk, 'Clerk#0*', 'c', 'g') AS clerk, count(*) FROM orders WHERE o_orderkey < 3000 GROUP BY 1
;
SELECT o_orderkey, TRY_CAST(substr(o_clerk, 7) AS INTEGER) AS clerk_no, o_orderdate::VARCHAR AS d FROM orders WHERE o_orderkey < 60
;
SELECT count(*) FROM lineitem WHERE date_diff('day', l_shipdate, l_receiptdate) > 25 AND l_shipmode ILIKE 'air%'
;
SELECT EXTRACT(YEAR FROM l_shipdate) AS y, round(sum(l_extendedprice * (1 - l_discount)), 2) AS revenue FROM lineitem GROUP BY EXTRACT(YEAR FROM l_shipdate)
;
SELECT date_add(o_orderdate, INTERVAL '1' MONTH) AS due, o_orderkey FROM orders WHERE o_orderkey < 40
;
SELECT count(*) FROM orders WHERE o_orderdate >= make_date(1996, 1, 1) AND o_orderdate < make_date(1996, 4, 1)
;
-- == NULL-heavy corners
SELECT count(*) AS n, count(concat(grp, name)) AS c1, count(concat_ws('-', grp, small)) AS c2, count(grp || name) AS c3 FROM events
;
SELECT id, coalesce(grp, CAST(small AS VARCHAR), 'none') AS v, ifnull(score, -1) AS s FROM events WHERE grp IS NULL OR small IS NULL
;
SELECT grp IS NULL AS missing, count(*) AS n, sum(small) / 3 AS s FROM events GROUP BY grp IS NULL
;
SELECT flag, count(*) AS n, round(avg(score), 4) AS a FROM events GROUP BY flag
;
SELECT nullif(grp, 'g1') AS g, count(*) FROM events GROUP BY nullif(grp, 'g1')
;
-- == aggregates that do not split into partial and final: exact at the coordinator over the needed columns
SELECT grp, string_agg(name, ',' ORDER BY name) AS names FROM events WHERE id < 60 GROUP BY grp
;
SELECT grp, string_agg(DISTINCT substr(name, 1, 2), '|' ORDER BY substr(name, 1, 2)) AS prefixes FROM events GROUP BY grp
;
SELECT grp, arg_min(name, id) AS first_name, arg_max(name, id) AS last_name FROM events GROUP BY grp
;
SELECT grp, covar_pop(score, small) AS cp, covar_samp(score, small) AS cs FROM events GROUP BY grp
;
SELECT grp, approx_count_distinct(small) AS d FROM events GROUP BY grp
;
SELECT c_nationkey, string_agg(c_name, ',' ORDER BY c_name) AS names FROM customer WHERE c_custkey < 50 GROUP BY c_nationkey
;

-- == coalesce over an aggregate (BI tools write coalesce(sum(x), 0) for empty groups)
SELECT grp, coalesce(sum(small), 0) + 1 AS s, coalesce(max(small), -1) AS m FROM events GROUP BY grp
;
SELECT grp, coalesce(sum(small), 0) AS s, coalesce(max(small), -1) AS m FROM events GROUP BY grp
;
SELECT coalesce(sum(small), 0) AS s FROM events GROUP BY day ORDER BY s DESC LIMIT 3
;
SELECT day, coalesce(sum(amount), 0) AS s FROM events WHERE id > 990 GROUP BY day ORDER BY day
;
SELECT coalesce(sum(small), 0) AS s FROM events WHERE id < 0
;

-- == aggregates that need every value of a group (computed at the coordinator from the columns
-- the sites send); EXTRACT(EPOCH ...) with fractional seconds
SELECT grp, median(score) AS m, median(small) AS ms, median(amount) AS ma FROM events GROUP BY grp
;
SELECT grp, median(day) AS md, median(ts) AS mt, median(name) AS mn FROM events GROUP BY grp
;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS p FROM events
;
SELECT grp, percentile_cont(0.9) WITHIN GROUP (ORDER BY score) AS p90, percentile_disc(0.9) WITHIN GROUP (ORDER BY score) AS d90 FROM events GROUP BY grp
;
SELECT grp, percentile_cont(0.3) WITHIN GROUP (ORDER BY small DESC) AS a, percentile_disc(0.3) WITHIN GROUP (ORDER BY small DESC) AS b, percentile_cont(0.3) WITHIN GROUP (ORDER BY amount DESC) AS c FROM events GROUP BY grp
;
SELECT grp, quantile_cont(amount, 0.25) AS q1, quantile_cont(small, 0.75) AS q3, quantile_disc(amount, 0.25) AS d1, quantile(name, 0.7) AS qn FROM events GROUP BY grp
;
SELECT grp, quantile_disc(day, 0.1) AS d, quantile_cont(day, 0.3) AS c, quantile_cont(ts, 0.7) AS t FROM events GROUP BY grp
;
SELECT flag, quantile_cont(score, 0) AS lo, quantile_cont(score, 1) AS hi, quantile_disc(score, 0) AS dlo, quantile_disc(score, 1) AS dhi FROM events GROUP BY flag
;
SELECT median(score) AS m, quantile_cont(amount, 0.5) AS q FROM events WHERE id < 0
;
SELECT grp, median(amount) AS m FROM events WHERE small IS NOT NULL GROUP BY grp HAVING median(amount) > 28
;
SELECT date_trunc('week', ts) AS wk, median(amount) AS m, percentile_disc(0.5) WITHIN GROUP (ORDER BY small) AS d FROM events GROUP BY date_trunc('week', ts)
;
SELECT grp, mode(small) AS m, mode(name) AS mn, mode(flag) AS mf FROM events GROUP BY grp
;
SELECT mode(day) AS d, mode(grp) AS g FROM events
;
SELECT grp, corr(score, small) AS c, corr(amount, score) AS c2 FROM events GROUP BY grp
;
SELECT corr(score, small) AS c FROM events WHERE id = 1
;
SELECT o_orderpriority, median(o_totalprice) AS m, corr(o_totalprice, o_custkey) AS c, mode(o_orderstatus) AS s FROM orders GROUP BY o_orderpriority
;
SELECT c_mktsegment, median(o_totalprice) AS m, percentile_disc(0.9) WITHIN GROUP (ORDER BY o_orderdate) AS d FROM customer JOIN orders ON c_custkey = o_custkey GROUP BY c_mktsegment
;
SELECT n_name, quantile_cont(c_acctbal, 0.5) AS m, mode(c_mktsegment) AS seg FROM customer JOIN nation ON c_nationkey = n_nationkey GROUP BY n_name
;
SELECT grp, median(score) OVER (PARTITION BY grp) AS m FROM events WHERE id < 30
;
SELECT id, EXTRACT(EPOCH FROM ts) AS e, EXTRACT(EPOCH FROM day) AS d, EXTRACT(EPOCH FROM ts + INTERVAL '1.25' SECOND) AS f FROM events WHERE id < 5
;
SELECT grp, max(EXTRACT(EPOCH FROM ts + INTERVAL '0.5' SECOND)) AS e FROM events GROUP BY grp
;
SELECT id FROM events WHERE EXTRACT(EPOCH FROM ts + INTERVAL '0.5' SECOND) - floor(EXTRACT(EPOCH FROM ts)) = 0.5 AND id < 20
;
SELECT EXTRACT(EPOCH FROM ts) - EXTRACT(EPOCH FROM day) AS secs, count(*) AS n FROM events WHERE id < 100 GROUP BY EXTRACT(EPOCH FROM ts) - EXTRACT(EPOCH FROM day)
;
SELECT grp, mode() WITHIN GROUP (ORDER BY small) AS m, mode() WITHIN GROUP (ORDER BY name NULLS LAST) AS mn FROM events GROUP BY grp
;
SELECT id, median(score) OVER (PARTITION BY grp ORDER BY id) AS m, corr(score, small) OVER (PARTITION BY grp) AS c FROM events WHERE id < 30
;
SELECT id, median(score) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS m FROM events WHERE id < 30
