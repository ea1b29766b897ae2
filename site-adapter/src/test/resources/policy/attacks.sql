-- Each query tries to get raw rows of `patients` (aggregates only, min-group-size 5) or a value of a
-- denied column (name, ssn) out of the site. Each must be refused, or return no row of the table.
SELECT * FROM patients
;
SELECT id, age FROM patients
;
SELECT age FROM patients WHERE id = 7
;
SELECT name FROM patients
;
SELECT count(*) FROM patients WHERE ssn LIKE '1%'
;
SELECT city, count(*) FROM patients GROUP BY city, name
;
SELECT ssn, count(*) FROM patients GROUP BY ssn
;
SELECT id, count(*) FROM patients GROUP BY id
;
SELECT id, sum(salary) FROM patients GROUP BY id
;
SELECT city, min(salary) FROM patients GROUP BY city
;
SELECT city, max(age) FROM patients GROUP BY city
;
SELECT any_value(salary) FROM patients
;
SELECT list(salary) FROM patients
;
SELECT array_agg(age) FROM patients
;
SELECT string_agg(city, ',') FROM patients
;
SELECT city, arg_max(id, salary) FROM patients GROUP BY city
;
SELECT median(salary) FROM patients
;
SELECT quantile_disc(salary, 0.5) FROM patients
;
SELECT mode(age) FROM patients
;
SELECT first(salary) FROM patients
;
SELECT histogram(age) FROM patients
;
SELECT id, salary, row_number() OVER (ORDER BY id) FROM patients
;
SELECT city, sum(salary) OVER (PARTITION BY id) FROM patients GROUP BY city, id, salary
;
SELECT city, count(*) FROM patients GROUP BY city ORDER BY city LIMIT 1 OFFSET 0
;
SELECT salary FROM patients ORDER BY id LIMIT 1 OFFSET 3
;
SELECT sum(salary) FROM patients WHERE id <> 7
;
SELECT sum(salary) FROM patients WHERE id > 1
;
SELECT count(*) FROM (SELECT * FROM patients WHERE id <> 9) AS p
;
SELECT x FROM (SELECT salary AS x FROM patients) AS s
;
WITH p AS (SELECT id, salary FROM patients) SELECT * FROM p
;
WITH p AS (SELECT id, salary FROM patients) SELECT id, sum(salary) FROM p GROUP BY id
;
SELECT age FROM patients UNION ALL SELECT 1
;
SELECT count(*) FROM patients UNION ALL SELECT count(*) FROM patients WHERE id <> 3
;
SELECT CAST(salary AS VARCHAR) FROM patients
;
SELECT CAST(id AS VARCHAR) || ':' || CAST(salary AS VARCHAR) AS s, count(*) FROM patients GROUP BY s
;
SELECT (SELECT salary FROM patients LIMIT 1) AS s, count(*) FROM patients
;
SELECT city, count(*) FROM patients GROUP BY city HAVING max(salary) > 0
;
SELECT sum(DISTINCT salary) FROM patients WHERE city = 'c1'
;
SELECT avg(DISTINCT age) FROM patients
;
SELECT count(*) FROM patients, range(1000000) WHERE salary > 50000
;
SELECT #1 FROM patients
;
SELECT patients FROM patients
;
SELECT p FROM patients AS p
;
SELECT COLUMNS('.*') FROM patients
;
SELECT count(*) FROM patients WHERE name = 'n7'
;
SELECT sum(length(ssn)) FROM patients
;
SELECT count(*) FROM patients JOIN (VALUES (7)) AS v(k) ON patients.id = v.k
;
SELECT count(*) FROM patients QUALIFY row_number() OVER () = 1
;
SELECT count(*) FROM patients USING SAMPLE 1 ROWS
;
SELECT city, count(*) FROM patients GROUP BY GROUPING SETS ((city), (id))
;
SELECT id // 1 AS k, count(*) FROM patients GROUP BY k
;
SELECT * FROM secret
;
SELECT count(*) FROM secret
;
SELECT id, count(*) FROM patients GROUP BY ALL
;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT count(*) FROM patients, r
;
SELECT count(*) FROM patients WHERE id IN (SELECT id FROM patients WHERE id <> 5)
