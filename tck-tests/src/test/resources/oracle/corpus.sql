-- The oracle corpus: every query runs on the 3-site federation and on one DuckDB holding all rows;
-- results must match (floats within 1e-9 relative). A query whose outermost clause is ORDER BY is
-- compared in order, any other as a multiset. Queries are separated by a line holding only ';'.
-- Tables: TPC-H (customer, orders, lineitem partitioned by the customer's region; nation, region, part,
-- partsupp, supplier replicated) and `events` (eu: 1000 rows, us: 10 rows, apac: none; NULLs throughout).

-- == filter, project, DISTINCT, CASE, LIKE, IN, date/time
SELECT c_custkey, c_name FROM customer WHERE c_custkey < 20
;
SELECT o_orderkey, o_totalprice FROM orders WHERE o_totalprice > 400000
;
SELECT count(*) FROM lineitem
;
SELECT count(*) FROM orders WHERE o_orderdate >= DATE '1995-01-01' AND o_orderdate < DATE '1995-02-01'
;
SELECT DISTINCT o_orderstatus FROM orders
;
SELECT DISTINCT c_mktsegment, c_nationkey FROM customer
;
SELECT o_orderkey, CASE WHEN o_totalprice > 200000 THEN 'big' WHEN o_totalprice > 100000 THEN 'mid' ELSE 'small' END AS size FROM orders WHERE o_orderkey < 200
;
SELECT c_name FROM customer WHERE c_name LIKE '%00001%'
;
SELECT p_partkey, p_name FROM part WHERE p_name LIKE 'forest%'
;
SELECT c_custkey FROM customer WHERE c_mktsegment IN ('BUILDING', 'MACHINERY') AND c_acctbal > 9900
;
SELECT o_orderkey FROM orders WHERE o_orderpriority NOT IN ('1-URGENT', '2-HIGH') AND o_orderkey < 100
;
SELECT l_orderkey, l_linenumber FROM lineitem WHERE l_shipdate BETWEEN DATE '1996-03-01' AND DATE '1996-03-03'
;
SELECT EXTRACT(YEAR FROM o_orderdate) AS y, EXTRACT(MONTH FROM o_orderdate) AS m, o_orderkey FROM orders WHERE o_orderkey < 50
;
SELECT o_orderkey, o_orderdate + INTERVAL '30' DAY AS due FROM orders WHERE o_orderkey < 40
;
SELECT l_orderkey, l_shipdate, l_receiptdate FROM lineitem WHERE l_receiptdate > l_shipdate + INTERVAL '29' DAY AND l_orderkey < 500
;
SELECT upper(c_name) AS n, lower(c_mktsegment) AS s, char_length(c_address) AS len FROM customer WHERE c_custkey <= 10
;
SELECT c_custkey, substring(c_phone FROM 1 FOR 2) AS cc FROM customer WHERE c_custkey < 30
;
SELECT c_name || '/' || c_mktsegment AS label FROM customer WHERE c_custkey < 15
;
SELECT o_orderkey, o_totalprice * 2 AS twice, o_totalprice / 3 AS third FROM orders WHERE o_orderkey < 30
;
SELECT l_orderkey, l_extendedprice * (1 - l_discount) * (1 + l_tax) AS charge FROM lineitem WHERE l_orderkey < 20
;
SELECT abs(c_acctbal) AS a, round(c_acctbal, 0) AS r, floor(c_acctbal) AS f, ceil(c_acctbal) AS c FROM customer WHERE c_custkey < 25
;
SELECT o_orderkey FROM orders WHERE o_comment LIKE '%special%requests%' AND o_orderkey < 3000
;
SELECT c_custkey FROM customer WHERE NOT (c_acctbal > 0) AND c_custkey < 300
;
SELECT s_suppkey, s_name FROM supplier WHERE s_nationkey = 7
;
SELECT n_name, r_name FROM nation JOIN region ON n_regionkey = r_regionkey
;
SELECT coalesce(NULLIF(o_orderpriority, '1-URGENT'), 'urgent') AS p, o_orderkey FROM orders WHERE o_orderkey < 60
;
SELECT CAST(o_totalprice AS INTEGER) AS p, CAST(o_orderkey AS VARCHAR) AS k FROM orders WHERE o_orderkey < 35
;
SELECT o_orderkey FROM orders WHERE o_orderdate = DATE '1996-01-02'
;

-- == aggregates over the union
SELECT count(*), sum(o_totalprice), min(o_totalprice), max(o_totalprice) FROM orders
;
SELECT avg(o_totalprice) FROM orders
;
SELECT avg(l_quantity), avg(l_discount) FROM lineitem
;
SELECT stddev_samp(o_totalprice), stddev_pop(o_totalprice), var_samp(o_totalprice), var_pop(o_totalprice) FROM orders
;
SELECT stddev(l_quantity), variance(l_quantity) FROM lineitem
;
SELECT count(DISTINCT o_custkey) FROM orders
;
SELECT count(DISTINCT c_nationkey), count(DISTINCT c_mktsegment) FROM customer
;
SELECT sum(DISTINCT l_quantity) FROM lineitem
;
SELECT o_orderstatus, count(*), sum(o_totalprice) FROM orders GROUP BY o_orderstatus
;
SELECT o_orderpriority, avg(o_totalprice), min(o_orderdate), max(o_orderdate) FROM orders GROUP BY o_orderpriority
;
SELECT c_mktsegment, count(*), avg(c_acctbal), stddev_samp(c_acctbal) FROM customer GROUP BY c_mktsegment
;
SELECT c_nationkey, count(*) FROM customer GROUP BY c_nationkey
;
SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice), avg(l_discount), count(*) FROM lineitem GROUP BY l_returnflag, l_linestatus
;
SELECT o_orderstatus, count(DISTINCT o_custkey) FROM orders GROUP BY o_orderstatus
;
SELECT l_shipmode, count(DISTINCT l_orderkey), count(*) FROM lineitem GROUP BY l_shipmode
;
SELECT c_mktsegment, count(*) FROM customer GROUP BY c_mktsegment HAVING count(*) > 290
;
SELECT o_custkey, sum(o_totalprice) FROM orders GROUP BY o_custkey HAVING sum(o_totalprice) > 2500000
;
SELECT o_orderpriority, count(*) FROM orders WHERE o_orderdate < DATE '1994-01-01' GROUP BY o_orderpriority HAVING avg(o_totalprice) > 100000
;
SELECT EXTRACT(YEAR FROM o_orderdate) AS y, count(*), sum(o_totalprice) FROM orders GROUP BY EXTRACT(YEAR FROM o_orderdate)
;
SELECT l_linenumber, min(l_shipdate), max(l_commitdate) FROM lineitem GROUP BY l_linenumber
;
SELECT count(*) FROM orders WHERE o_totalprice < 0
;
SELECT sum(o_totalprice), avg(o_totalprice), max(o_orderkey) FROM orders WHERE o_totalprice < 0
;
SELECT o_orderstatus, count(*) FROM orders WHERE o_totalprice < 0 GROUP BY o_orderstatus
;
SELECT count(o_comment), count(*) FROM orders
;
SELECT max(c_name), min(c_address) FROM customer
;
SELECT bool_and(o_totalprice > 1000), bool_or(o_totalprice > 500000) FROM orders
;
SELECT o_orderstatus, bool_and(o_totalprice > 5000), bool_or(o_orderpriority = '1-URGENT') FROM orders GROUP BY o_orderstatus
;
SELECT c_mktsegment, c_nationkey, count(*) FROM customer GROUP BY GROUPING SETS ((c_mktsegment), (c_nationkey), ())
;
SELECT o_orderstatus, o_orderpriority, count(*), sum(o_totalprice) FROM orders GROUP BY ROLLUP (o_orderstatus, o_orderpriority)
;
SELECT l_returnflag, l_linestatus, count(*), avg(l_quantity) FROM lineitem GROUP BY CUBE (l_returnflag, l_linestatus)
;
SELECT o_orderstatus, GROUPING(o_orderstatus) AS g, count(*) FROM orders GROUP BY ROLLUP (o_orderstatus)
;
SELECT c_mktsegment, count(DISTINCT c_nationkey), max(c_acctbal) FROM customer GROUP BY ROLLUP (c_mktsegment)
;
SELECT avg(CAST(l_quantity AS DOUBLE)), sum(l_quantity * l_extendedprice) FROM lineitem
;
SELECT sum(l_extendedprice * (1 - l_discount)) AS revenue FROM lineitem WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1995-01-01'
;
SELECT count(*) AS n, count(DISTINCT o_orderstatus) AS s FROM orders WHERE o_orderkey < 1000
;

-- == ORDER BY + LIMIT (local top-N, then merge)
SELECT o_orderkey, o_totalprice FROM orders ORDER BY o_totalprice DESC, o_orderkey LIMIT 10
;
SELECT c_custkey, c_acctbal FROM customer ORDER BY c_acctbal, c_custkey LIMIT 5
;
SELECT l_orderkey, l_linenumber, l_extendedprice FROM lineitem ORDER BY l_extendedprice DESC, l_orderkey, l_linenumber LIMIT 20
;
SELECT o_orderkey, o_orderdate FROM orders WHERE o_orderstatus = 'F' ORDER BY o_orderdate, o_orderkey LIMIT 7
;
SELECT c_name FROM customer ORDER BY c_name LIMIT 3
;
SELECT o_orderkey FROM orders ORDER BY o_orderkey LIMIT 5 OFFSET 10
;
SELECT o_custkey, sum(o_totalprice) AS t FROM orders GROUP BY o_custkey ORDER BY t DESC, o_custkey LIMIT 10
;
SELECT c_nationkey, count(*) AS n FROM customer GROUP BY c_nationkey ORDER BY n DESC, c_nationkey LIMIT 5
;
SELECT o_orderkey, o_totalprice FROM orders ORDER BY o_totalprice DESC, o_orderkey FETCH FIRST 3 ROWS ONLY
;
SELECT n_name FROM nation ORDER BY n_name DESC
;
SELECT DISTINCT c_mktsegment FROM customer ORDER BY c_mktsegment
;
SELECT o_orderpriority, count(*) AS n FROM orders GROUP BY o_orderpriority ORDER BY o_orderpriority
;
SELECT l_orderkey, l_linenumber FROM lineitem WHERE l_quantity = 50 ORDER BY l_orderkey, l_linenumber LIMIT 25
;

-- == joins: co-located (same key domain, replicated) and not
SELECT c_name, o_orderkey, o_totalprice FROM customer JOIN orders ON c_custkey = o_custkey WHERE o_totalprice > 450000
;
SELECT c_mktsegment, count(*), sum(o_totalprice) FROM customer JOIN orders ON c_custkey = o_custkey GROUP BY c_mktsegment
;
SELECT o_orderpriority, count(*) FROM orders JOIN lineitem ON o_orderkey = l_orderkey WHERE l_commitdate < l_receiptdate GROUP BY o_orderpriority
;
SELECT n_name, count(*) FROM customer JOIN nation ON c_nationkey = n_nationkey GROUP BY n_name
;
SELECT r_name, count(*), sum(o_totalprice) FROM orders JOIN customer ON o_custkey = c_custkey JOIN nation ON c_nationkey = n_nationkey JOIN region ON n_regionkey = r_regionkey GROUP BY r_name
;
SELECT p_brand, sum(l_quantity) FROM lineitem JOIN part ON l_partkey = p_partkey WHERE p_size = 15 GROUP BY p_brand
;
SELECT s_name, count(*) FROM lineitem JOIN supplier ON l_suppkey = s_suppkey WHERE l_shipdate < DATE '1992-03-01' GROUP BY s_name
;
SELECT c_custkey, c_name, count(o_orderkey) FROM customer LEFT JOIN orders ON c_custkey = o_custkey WHERE c_custkey < 40 GROUP BY c_custkey, c_name
;
SELECT c_custkey FROM customer LEFT JOIN orders ON c_custkey = o_custkey WHERE o_orderkey IS NULL AND c_custkey < 100
;
SELECT o_orderkey, count(*) FROM orders JOIN lineitem ON o_orderkey = l_orderkey WHERE o_orderkey < 100 GROUP BY o_orderkey
;
SELECT c1.c_custkey, c2.c_custkey FROM customer c1 JOIN customer c2 ON c1.c_acctbal = c2.c_acctbal AND c1.c_custkey < c2.c_custkey
;
SELECT o.o_orderkey, c.c_nationkey FROM orders o JOIN customer c ON o.o_orderkey = c.c_custkey WHERE o.o_orderkey < 200
;
SELECT n1.n_name, n2.n_name FROM nation n1 JOIN nation n2 ON n1.n_regionkey = n2.n_regionkey AND n1.n_nationkey < n2.n_nationkey
;
SELECT ps_partkey, sum(ps_supplycost * ps_availqty) FROM partsupp JOIN supplier ON ps_suppkey = s_suppkey WHERE s_nationkey = 3 GROUP BY ps_partkey HAVING sum(ps_supplycost * ps_availqty) > 8000000
;
SELECT c_name, o_orderkey FROM customer JOIN orders ON c_custkey = o_custkey ORDER BY o_totalprice DESC, o_orderkey LIMIT 5
;
SELECT count(*) FROM orders o JOIN lineitem l ON o.o_orderkey = l.l_orderkey JOIN customer c ON c.c_custkey = o.o_custkey WHERE c.c_mktsegment = 'AUTOMOBILE'
;

-- == subqueries (decorrelated)
SELECT c_custkey FROM customer WHERE c_custkey IN (SELECT o_custkey FROM orders WHERE o_totalprice > 450000)
;
SELECT c_custkey FROM customer WHERE c_custkey < 50 AND NOT EXISTS (SELECT 1 FROM orders WHERE o_custkey = c_custkey)
;
SELECT o_orderkey FROM orders WHERE o_totalprice > (SELECT avg(o_totalprice) * 2.5 FROM orders)
;
SELECT c_custkey, (SELECT count(*) FROM orders WHERE o_custkey = c_custkey) AS n FROM customer WHERE c_custkey < 25
;
SELECT o_custkey FROM orders WHERE EXISTS (SELECT 1 FROM lineitem WHERE l_orderkey = o_orderkey AND l_quantity > 49) AND o_orderkey < 2000
;
SELECT s FROM (SELECT o_orderstatus AS s, count(*) AS n FROM orders GROUP BY o_orderstatus) t WHERE n > 100
;
SELECT max(t) FROM (SELECT o_custkey, sum(o_totalprice) AS t FROM orders GROUP BY o_custkey) x
;
SELECT avg(n) FROM (SELECT c_nationkey, count(*) AS n FROM customer GROUP BY c_nationkey) x
;
WITH big AS (SELECT o_custkey, o_totalprice FROM orders WHERE o_totalprice > 300000) SELECT count(*), max(o_totalprice) FROM big
;
SELECT p_partkey FROM part WHERE p_partkey IN (SELECT l_partkey FROM lineitem WHERE l_quantity = 1 AND l_discount = 0) AND p_partkey < 100
;
SELECT c_mktsegment, count(*) FROM customer WHERE c_acctbal > (SELECT avg(c_acctbal) FROM customer) GROUP BY c_mktsegment
;
SELECT o_orderkey FROM orders WHERE o_custkey IN (SELECT c_custkey FROM customer WHERE c_nationkey = 1) AND o_orderkey < 3000
;

-- == set operations at the coordinator
SELECT c_custkey FROM customer WHERE c_custkey < 5 UNION SELECT o_custkey FROM orders WHERE o_orderkey < 5
;
SELECT c_nationkey FROM customer WHERE c_custkey < 100 INTERSECT SELECT n_nationkey FROM nation WHERE n_regionkey = 1
;
SELECT n_nationkey FROM nation EXCEPT SELECT c_nationkey FROM customer WHERE c_custkey < 50
;
SELECT o_orderstatus AS s FROM orders WHERE o_orderkey < 10 UNION ALL SELECT c_mktsegment FROM customer WHERE c_custkey < 3
;

-- == site pruning and the _site column
SELECT _site, count(*) FROM orders GROUP BY _site
;
SELECT count(*) FROM orders WHERE _site = 'eu'
;
SELECT count(*), sum(o_totalprice) FROM orders WHERE _site IN ('us', 'apac')
;
SELECT _site, min(c_custkey), max(c_custkey) FROM customer WHERE _site <> 'us' GROUP BY _site
;
SELECT _site, count(*) FROM nation GROUP BY _site
;
SELECT _site, count(*) FROM events GROUP BY _site
;

-- == events: NULLs, an empty site, skew
SELECT count(*), count(grp), count(small), count(amount), count(score) FROM events
;
-- "day" is quoted: DAY is a reserved word in standard SQL (and in Calcite).
SELECT grp, count(*), sum(small), avg(amount), min(score), max("day") FROM events GROUP BY grp
;
SELECT grp, sum(small) FROM events WHERE small IS NULL GROUP BY grp
;
SELECT count(*) FROM events WHERE grp IS NULL
;
SELECT id, grp FROM events WHERE grp IS NOT DISTINCT FROM NULL AND id < 100
;
SELECT coalesce(grp, '(none)') AS g, count(DISTINCT small) FROM events GROUP BY coalesce(grp, '(none)')
;
SELECT flag, count(*), avg(score) FROM events GROUP BY flag
;
SELECT id, name FROM events WHERE name LIKE 'n1%' AND id < 200
;
SELECT stddev_samp(score), var_pop(score), stddev_pop(amount) FROM events
;
SELECT grp, stddev_samp(amount), var_samp(small) FROM events GROUP BY grp
;
SELECT count(*), sum(small), avg(score) FROM events WHERE _site = 'apac'
;
SELECT grp, count(*) FROM events WHERE _site = 'apac' GROUP BY grp
;
SELECT min(ts), max(ts), min("day"), max("day") FROM events
;
SELECT EXTRACT(YEAR FROM "day") AS y, count(*) FROM events GROUP BY EXTRACT(YEAR FROM "day")
;
SELECT id, amount FROM events ORDER BY amount DESC NULLS LAST, id LIMIT 10
;
SELECT id, small FROM events ORDER BY small NULLS FIRST, id LIMIT 10
;
SELECT bool_and(flag), bool_or(flag) FROM events
;
SELECT grp, bool_and(flag), bool_or(flag) FROM events GROUP BY grp
;
SELECT count(DISTINCT grp), count(DISTINCT small), count(DISTINCT flag) FROM events
;
SELECT grp, small, count(*) FROM events GROUP BY CUBE (grp, small)
;
SELECT sum(amount), avg(amount), min(amount), max(amount) FROM events
;
SELECT CASE WHEN score IS NULL THEN 'none' WHEN score < 0.5 THEN 'low' ELSE 'high' END AS band, count(*) FROM events GROUP BY CASE WHEN score IS NULL THEN 'none' WHEN score < 0.5 THEN 'low' ELSE 'high' END
;
SELECT id FROM events WHERE small IN (1, 2, 3) AND grp <> 'g1' AND id < 300
;
SELECT id, ts FROM events WHERE ts >= TIMESTAMP '2024-01-05 00:00:00' AND ts < TIMESTAMP '2024-01-06 00:00:00'
;
SELECT grp, max(name), min(name) FROM events GROUP BY grp
;
SELECT count(*) FROM events e JOIN nation n ON e.small = n.n_nationkey
;
SELECT avg(small), sum(CAST(small AS BIGINT)) FROM events WHERE id >= 1000
;
SELECT count(*) FROM events WHERE id >= 1000 AND _site = 'eu'
;
SELECT grp, count(*) FROM events GROUP BY grp HAVING count(*) > 1000
;
SELECT id, score FROM events WHERE score > 0.99 ORDER BY score DESC, id
;
SELECT small, count(*) AS n FROM events GROUP BY small ORDER BY n DESC, small NULLS FIRST LIMIT 4
;
-- window functions: they run at the coordinator over the union of the sites' rows
SELECT o_orderkey, row_number() OVER (ORDER BY o_orderkey) AS rn FROM orders WHERE o_orderkey < 2000
;
SELECT o_custkey, o_orderkey, rank() OVER (PARTITION BY o_custkey ORDER BY o_totalprice DESC, o_orderkey) AS r FROM orders WHERE o_custkey < 100
;
SELECT o_orderstatus, o_orderkey, sum(o_totalprice) OVER (PARTITION BY o_orderstatus ORDER BY o_orderkey) AS run_total FROM orders WHERE o_orderkey < 500
;
SELECT o_orderstatus, o_orderkey, o_totalprice FROM orders QUALIFY row_number() OVER (PARTITION BY o_orderstatus ORDER BY o_totalprice DESC, o_orderkey) <= 3
;
SELECT c_nationkey, c_custkey, dense_rank() OVER (PARTITION BY c_nationkey ORDER BY c_acctbal DESC, c_custkey) AS dr FROM customer WHERE c_custkey < 300
;
SELECT o_orderstatus, count(*) AS n, sum(count(*)) OVER () AS total FROM orders GROUP BY o_orderstatus
;
SELECT l_orderkey, l_linenumber, lag(l_quantity) OVER (PARTITION BY l_orderkey ORDER BY l_linenumber) AS prev_qty FROM lineitem WHERE l_orderkey < 100
;
SELECT grp, id, count(*) OVER (PARTITION BY grp) AS n FROM events WHERE id < 200
;
SELECT o_orderkey, avg(o_totalprice) OVER (ORDER BY o_orderkey ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving FROM orders WHERE o_orderkey < 300
;
SELECT n_name, c_custkey, row_number() OVER (PARTITION BY n_name ORDER BY c_custkey) AS rn FROM customer JOIN nation ON c_nationkey = n_nationkey WHERE c_custkey < 200 ORDER BY n_name, c_custkey
