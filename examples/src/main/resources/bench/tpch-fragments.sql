-- Fragments the coordinator sent to site eu while the tck oracle suites ran TPC-H (one per line, from its audit log).
SELECT "l_returnflag", "l_linestatus", SUM("l_quantity") AS "sum_qty", SUM("l_extendedprice") AS "sum_base_price", SUM("l_extendedprice" * (1 - "l_discount")) AS "sum_disc_price", SUM("l_extendedprice" * (1 - "l_discount") * (1 + "l_tax")) AS "sum_charge", COUNT("l_quantity") AS "$f6", COUNT("l_extendedprice") AS "$f7", SUM("l_discount") AS "$f8", COUNT("l_discount") AS "$f9", COUNT(*) AS "count_order" FROM "lineitem" WHERE "l_shipdate" <= DATE '1998-09-02' GROUP BY "l_returnflag", "l_linestatus"
SELECT "supplier"."s_acctbal", "supplier"."s_name", "t2"."n_name", "t0"."p_partkey", "t0"."p_mfgr", "supplier"."s_address", "supplier"."s_phone", "supplier"."s_comment" FROM (SELECT "p_partkey", "p_mfgr" FROM "part" WHERE "p_size" = 15 AND "p_type" LIKE '%BRASS') AS "t0" CROSS JOIN "supplier" INNER JOIN (SELECT "ps_partkey", "ps_suppkey", "ps_supplycost" FROM "partsupp") AS "t1" ON "t0"."p_partkey" = "t1"."ps_partkey" AND "supplier"."s_suppkey" = "t1"."ps_suppkey" INNER JOIN (SELECT "n_nationkey", "n_name", "n_regionkey" FROM "nation") AS "t2" ON "supplier"."s_nationkey" = "t2"."n_nationkey" INNER JOIN (SELECT "r_regionkey" FROM "region" WHERE "r_name" = 'EUROPE') AS "t4" ON "t2"."n_regionkey" = "t4"."r_regionkey" INNER JOIN (SELECT "t6"."ps_partkey", MIN("t6"."ps_supplycost") AS "EXPR$0" FROM (SELECT "ps_partkey", "ps_suppkey", "ps_supplycost" FROM "partsupp" WHERE "ps_partkey" IS NOT NULL) AS "t6" INNER JOIN (SELECT "s_suppkey", "s_nationkey" FROM "supplier") AS "t7" ON "t6"."ps_suppkey" = "t7"."s_suppkey" INNER JOIN (SELECT "n_nationkey", "n_regionkey" FROM "nation") AS "t8" ON "t7"."s_nationkey" = "t8"."n_nationkey" INNER JOIN (SELECT "r_regionkey" FROM "region" WHERE "r_name" = 'EUROPE') AS "t10" ON "t8"."n_regionkey" = "t10"."r_regionkey" GROUP BY "t6"."ps_partkey") AS "t11" ON "t0"."p_partkey" = "t11"."ps_partkey" AND "t1"."ps_supplycost" = "t11"."EXPR$0" ORDER BY "supplier"."s_acctbal" DESC, "t2"."n_name", "supplier"."s_name", "t0"."p_partkey" FETCH NEXT 100 ROWS ONLY
SELECT "t7"."l_orderkey", "t7"."revenue", "t7"."o_orderdate", "t7"."o_shippriority" FROM (SELECT "t4"."l_orderkey", "t2"."o_orderdate", "t2"."o_shippriority", SUM("t4"."l_extendedprice" * (1 - "t4"."l_discount")) AS "revenue" FROM (SELECT "c_custkey" FROM "customer" WHERE "c_mktsegment" = 'BUILDING') AS "t0" INNER JOIN (SELECT "o_orderkey", "o_custkey", "o_orderdate", "o_shippriority" FROM "orders" WHERE "o_orderdate" < DATE '1995-03-15') AS "t2" ON "t0"."c_custkey" = "t2"."o_custkey" INNER JOIN (SELECT "l_orderkey", "l_extendedprice", "l_discount" FROM "lineitem" WHERE "l_shipdate" > DATE '1995-03-15') AS "t4" ON "t2"."o_orderkey" = "t4"."l_orderkey" GROUP BY "t4"."l_orderkey", "t2"."o_orderdate", "t2"."o_shippriority" ORDER BY 4 DESC, "t2"."o_orderdate" FETCH NEXT 10 ROWS ONLY) AS "t7"
SELECT "o_orderpriority", COUNT(*) AS "order_count" FROM "orders" AS "t0" WHERE "o_orderdate" >= DATE '1993-07-01' AND "o_orderdate" < DATE '1993-10-01' AND EXISTS (SELECT 1 FROM (SELECT "l_orderkey" FROM "lineitem" WHERE "l_commitdate" < "l_receiptdate") AS "t2" WHERE "o_orderkey" = "t2"."l_orderkey") GROUP BY "o_orderpriority"
SELECT "t4"."n_name", SUM("t2"."l_extendedprice" * (1 - "t2"."l_discount")) AS "revenue" FROM (SELECT "c_custkey", "c_nationkey" FROM "customer") AS "t" INNER JOIN (SELECT "o_orderkey", "o_custkey" FROM "orders" WHERE "o_orderdate" >= DATE '1994-01-01' AND "o_orderdate" < DATE '1995-01-01') AS "t1" ON "t"."c_custkey" = "t1"."o_custkey" INNER JOIN (SELECT "l_orderkey", "l_suppkey", "l_extendedprice", "l_discount" FROM "lineitem") AS "t2" ON "t1"."o_orderkey" = "t2"."l_orderkey" INNER JOIN (SELECT "s_suppkey", "s_nationkey" FROM "supplier") AS "t3" ON "t2"."l_suppkey" = "t3"."s_suppkey" AND "t"."c_nationkey" = "t3"."s_nationkey" INNER JOIN (SELECT "n_nationkey", "n_name", "n_regionkey" FROM "nation") AS "t4" ON "t3"."s_nationkey" = "t4"."n_nationkey" INNER JOIN (SELECT "r_regionkey" FROM "region" WHERE "r_name" = 'ASIA') AS "t6" ON "t4"."n_regionkey" = "t6"."r_regionkey" GROUP BY "t4"."n_name"
SELECT SUM("l_extendedprice" * "l_discount") AS "revenue" FROM "lineitem" WHERE "l_shipdate" >= DATE '1994-01-01' AND "l_shipdate" < DATE '1995-01-01' AND ("l_discount" >= 0.05 AND "l_discount" <= 0.07) AND "l_quantity" < 24.00
SELECT "t4"."n_name" AS "supp_nation", "t5"."n_name" AS "cust_nation", EXTRACT(YEAR FROM "t1"."l_shipdate") AS "l_year", SUM("t1"."l_extendedprice" * (1 - "t1"."l_discount")) AS "revenue" FROM (SELECT "s_suppkey", "s_nationkey" FROM "supplier") AS "t" INNER JOIN (SELECT "l_orderkey", "l_suppkey", "l_extendedprice", "l_discount", "l_shipdate" FROM "lineitem" WHERE "l_shipdate" >= DATE '1995-01-01' AND "l_shipdate" <= DATE '1996-12-31') AS "t1" ON "t"."s_suppkey" = "t1"."l_suppkey" INNER JOIN (SELECT "o_orderkey", "o_custkey" FROM "orders") AS "t2" ON "t1"."l_orderkey" = "t2"."o_orderkey" INNER JOIN (SELECT "c_custkey", "c_nationkey" FROM "customer") AS "t3" ON "t2"."o_custkey" = "t3"."c_custkey" INNER JOIN (SELECT "n_nationkey", "n_name" FROM "nation") AS "t4" ON "t"."s_nationkey" = "t4"."n_nationkey" CROSS JOIN (SELECT "n_nationkey", "n_name" FROM "nation") AS "t5" WHERE "t3"."c_nationkey" = "t5"."n_nationkey" AND ("t4"."n_name" = 'FRANCE' AND "t5"."n_name" = 'GERMANY' OR "t4"."n_name" = 'GERMANY' AND "t5"."n_name" = 'FRANCE') GROUP BY "t4"."n_name", "t5"."n_name", EXTRACT(YEAR FROM "t1"."l_shipdate")
SELECT EXTRACT(YEAR FROM "t4"."o_orderdate") AS "o_year", SUM(CASE WHEN "t7"."n_name" = 'BRAZIL' THEN "t2"."l_extendedprice" * (1 - "t2"."l_discount") ELSE 0.0000 END) AS "$f1", SUM("t2"."l_extendedprice" * (1 - "t2"."l_discount")) AS "$f2" FROM (SELECT "p_partkey" FROM "part" WHERE "p_type" = 'ECONOMY ANODIZED STEEL') AS "t0" CROSS JOIN (SELECT "s_suppkey", "s_nationkey" FROM "supplier") AS "t1" INNER JOIN (SELECT "l_orderkey", "l_partkey", "l_suppkey", "l_extendedprice", "l_discount" FROM "lineitem") AS "t2" ON "t0"."p_partkey" = "t2"."l_partkey" AND "t1"."s_suppkey" = "t2"."l_suppkey" INNER JOIN (SELECT "o_orderkey", "o_custkey", "o_orderdate" FROM "orders" WHERE "o_orderdate" >= DATE '1995-01-01' AND "o_orderdate" <= DATE '1996-12-31') AS "t4" ON "t2"."l_orderkey" = "t4"."o_orderkey" INNER JOIN (SELECT "c_custkey", "c_nationkey" FROM "customer") AS "t5" ON "t4"."o_custkey" = "t5"."c_custkey" INNER JOIN (SELECT "n_nationkey", "n_regionkey" FROM "nation") AS "t6" ON "t5"."c_nationkey" = "t6"."n_nationkey" INNER JOIN (SELECT "n_nationkey", "n_name" FROM "nation") AS "t7" ON "t1"."s_nationkey" = "t7"."n_nationkey" INNER JOIN (SELECT "r_regionkey" FROM "region" WHERE "r_name" = 'AMERICA') AS "t9" ON "t6"."n_regionkey" = "t9"."r_regionkey" GROUP BY EXTRACT(YEAR FROM "t4"."o_orderdate")
SELECT "t5"."n_name" AS "nation", EXTRACT(YEAR FROM "t4"."o_orderdate") AS "o_year", SUM("t2"."l_extendedprice" * (1 - "t2"."l_discount") - "t3"."ps_supplycost" * "t2"."l_quantity") AS "sum_profit" FROM (SELECT "p_partkey" FROM "part" WHERE "p_name" LIKE '%green%') AS "t0" CROSS JOIN (SELECT "s_suppkey", "s_nationkey" FROM "supplier") AS "t1" INNER JOIN (SELECT "l_orderkey", "l_partkey", "l_suppkey", "l_quantity", "l_extendedprice", "l_discount" FROM "lineitem") AS "t2" ON "t1"."s_suppkey" = "t2"."l_suppkey" AND "t0"."p_partkey" = "t2"."l_partkey" INNER JOIN (SELECT "ps_partkey", "ps_suppkey", "ps_supplycost" FROM "partsupp") AS "t3" ON "t2"."l_suppkey" = "t3"."ps_suppkey" AND "t2"."l_partkey" = "t3"."ps_partkey" INNER JOIN (SELECT "o_orderkey", "o_orderdate" FROM "orders") AS "t4" ON "t2"."l_orderkey" = "t4"."o_orderkey" INNER JOIN (SELECT "n_nationkey", "n_name" FROM "nation") AS "t5" ON "t1"."s_nationkey" = "t5"."n_nationkey" GROUP BY "t5"."n_name", EXTRACT(YEAR FROM "t4"."o_orderdate")
SELECT "t7"."c_custkey", "t7"."c_name", "t7"."revenue", "t7"."c_acctbal", "t7"."n_name", "t7"."c_address", "t7"."c_phone", "t7"."c_comment" FROM (SELECT "t"."c_custkey", "t"."c_name", "t"."c_acctbal", "t"."c_phone", "t4"."n_name", "t"."c_address", "t"."c_comment", SUM("t3"."l_extendedprice" * (1 - "t3"."l_discount")) AS "revenue" FROM (SELECT "c_custkey", "c_name", "c_address", "c_nationkey", "c_phone", "c_acctbal", "c_comment" FROM "customer") AS "t" INNER JOIN (SELECT "o_orderkey", "o_custkey" FROM "orders" WHERE "o_orderdate" >= DATE '1993-10-01' AND "o_orderdate" < DATE '1994-01-01') AS "t1" ON "t"."c_custkey" = "t1"."o_custkey" INNER JOIN (SELECT "l_orderkey", "l_extendedprice", "l_discount" FROM "lineitem" WHERE "l_returnflag" = 'R') AS "t3" ON "t1"."o_orderkey" = "t3"."l_orderkey" INNER JOIN (SELECT "n_nationkey", "n_name" FROM "nation") AS "t4" ON "t"."c_nationkey" = "t4"."n_nationkey" GROUP BY "t"."c_custkey", "t"."c_name", "t"."c_acctbal", "t"."c_phone", "t4"."n_name", "t"."c_address", "t"."c_comment" ORDER BY 8 DESC FETCH NEXT 20 ROWS ONLY) AS "t7"
SELECT "t4"."ps_partkey", "t4"."part_value" FROM (SELECT "t"."ps_partkey", SUM("t"."ps_supplycost" * "t"."ps_availqty") AS "part_value" FROM (SELECT "ps_partkey", "ps_suppkey", "ps_availqty", "ps_supplycost" FROM "partsupp") AS "t" INNER JOIN (SELECT "s_suppkey", "s_nationkey" FROM "supplier") AS "t0" ON "t"."ps_suppkey" = "t0"."s_suppkey" INNER JOIN (SELECT "n_nationkey" FROM "nation" WHERE "n_name" = 'GERMANY') AS "t2" ON "t0"."s_nationkey" = "t2"."n_nationkey" GROUP BY "t"."ps_partkey") AS "t4" INNER JOIN (SELECT SUM("t5"."ps_supplycost" * "t5"."ps_availqty") * 0.0001 AS "EXPR$0" FROM (SELECT "ps_suppkey", "ps_availqty", "ps_supplycost" FROM "partsupp") AS "t5" INNER JOIN (SELECT "s_suppkey", "s_nationkey" FROM "supplier") AS "t6" ON "t5"."ps_suppkey" = "t6"."s_suppkey" INNER JOIN (SELECT "n_nationkey" FROM "nation" WHERE "n_name" = 'GERMANY') AS "t8" ON "t6"."s_nationkey" = "t8"."n_nationkey") AS "t11" ON "t4"."part_value" > CAST("t11"."EXPR$0" AS DECIMAL(38, 2)) ORDER BY "t4"."part_value" DESC
SELECT "t1"."l_shipmode", COUNT(*) FILTER (WHERE "t"."o_orderpriority" IN ('1-URGENT', '2-HIGH') IS TRUE) AS "high_line_count", COUNT(*) FILTER (WHERE "t"."o_orderpriority" NOT IN ('1-URGENT', '2-HIGH') IS TRUE) AS "low_line_count" FROM (SELECT "o_orderkey", "o_orderpriority" FROM "orders") AS "t" INNER JOIN (SELECT "l_orderkey", "l_shipmode" FROM "lineitem" WHERE "l_shipmode" IN ('MAIL', 'SHIP') AND "l_commitdate" < "l_receiptdate" AND "l_shipdate" < "l_commitdate" AND ("l_receiptdate" >= DATE '1994-01-01' AND "l_receiptdate" < DATE '1995-01-01')) AS "t1" ON "t"."o_orderkey" = "t1"."l_orderkey" GROUP BY "t1"."l_shipmode"
SELECT "t2"."EXPR$1", COUNT(*) AS "custdist" FROM (SELECT "t"."c_custkey", COUNT("t1"."o_orderkey") AS "EXPR$1" FROM (SELECT "c_custkey" FROM "customer") AS "t" LEFT JOIN (SELECT "o_orderkey", "o_custkey" FROM "orders" WHERE "o_comment" NOT LIKE '%special%requests%') AS "t1" ON "t"."c_custkey" = "t1"."o_custkey" GROUP BY "t"."c_custkey") AS "t2" GROUP BY "t2"."EXPR$1"
SELECT SUM(CASE WHEN "t1"."p_type" LIKE 'PROMO%' THEN "t0"."l_extendedprice" * (1 - "t0"."l_discount") ELSE 0.0000 END) AS "$f0", SUM("t0"."l_extendedprice" * (1 - "t0"."l_discount")) AS "$f1" FROM (SELECT "l_partkey", "l_extendedprice", "l_discount" FROM "lineitem" WHERE "l_shipdate" >= DATE '1995-09-01' AND "l_shipdate" < DATE '1995-10-01') AS "t0" INNER JOIN (SELECT "p_partkey", "p_type" FROM "part") AS "t1" ON "t0"."l_partkey" = "t1"."p_partkey"
SELECT "s_suppkey", "s_name", "s_address", "s_phone" FROM "supplier"
SELECT "l_suppkey", SUM("l_extendedprice" * (1 - "l_discount")) FROM "lineitem" WHERE "l_shipdate" >= DATE '1996-01-01' AND "l_shipdate" < DATE '1996-04-01' GROUP BY "l_suppkey"
SELECT "t7"."p_brand", "t7"."p_type", "t7"."p_size", COUNT("t7"."ps_suppkey") AS "supplier_cnt" FROM (SELECT "t"."ps_suppkey", "t1"."p_brand", "t1"."p_type", "t1"."p_size" FROM (SELECT "ps_partkey", "ps_suppkey" FROM "partsupp") AS "t" INNER JOIN (SELECT "p_partkey", "p_brand", "p_type", "p_size" FROM "part" WHERE "p_brand" <> 'Brand#45' AND "p_size" IN (3, 9, 14, 19, 23, 36, 45, 49) AND "p_type" NOT LIKE 'MEDIUM POLISHED%') AS "t1" ON "t"."ps_partkey" = "t1"."p_partkey" CROSS JOIN (SELECT COUNT(*) AS "c", COUNT("s_suppkey") AS "ck" FROM "supplier" WHERE "s_comment" LIKE '%Customer%Complaints%') AS "t3" LEFT JOIN (SELECT "s_suppkey", TRUE AS "i" FROM "supplier" WHERE "s_comment" LIKE '%Customer%Complaints%' GROUP BY "s_suppkey") AS "t5" ON "t"."ps_suppkey" = "t5"."s_suppkey" WHERE "t3"."c" = 0 OR "t5"."i" IS NULL AND "t3"."ck" >= "t3"."c" AND "t"."ps_suppkey" IS NOT NULL GROUP BY "t"."ps_suppkey", "t1"."p_brand", "t1"."p_type", "t1"."p_size") AS "t7" GROUP BY "t7"."p_brand", "t7"."p_type", "t7"."p_size" ORDER BY 4 DESC, "t7"."p_brand", "t7"."p_type", "t7"."p_size"
SELECT "l_partkey", SUM("l_quantity") AS "$f1", COUNT("l_quantity") AS "$f2" FROM "lineitem" AS "t0" WHERE "l_partkey" IS NOT NULL AND EXISTS (SELECT 1 FROM (SELECT "p_partkey" FROM "part" WHERE "p_brand" = 'Brand#23' AND "p_container" = 'MED BOX') AS "t2" WHERE "l_partkey" = "t2"."p_partkey") GROUP BY "l_partkey"
SELECT "t"."l_quantity", "t"."l_extendedprice", "t1"."p_partkey" FROM (SELECT "l_partkey", "l_quantity", "l_extendedprice" FROM "lineitem") AS "t" INNER JOIN (SELECT "p_partkey" FROM "part" WHERE "p_brand" = 'Brand#23' AND "p_container" = 'MED BOX') AS "t1" ON "t"."l_partkey" = "t1"."p_partkey"
SELECT "t"."c_name", "t"."c_custkey", "t0"."o_orderkey", "t0"."o_orderdate", "t0"."o_totalprice", SUM("t1"."l_quantity") AS "sum_qty" FROM (SELECT "c_custkey", "c_name" FROM "customer") AS "t" INNER JOIN (SELECT "o_orderkey", "o_custkey", "o_totalprice", "o_orderdate" FROM "orders") AS "t0" ON "t"."c_custkey" = "t0"."o_custkey" INNER JOIN (SELECT "l_orderkey", "l_quantity" FROM "lineitem") AS "t1" ON "t0"."o_orderkey" = "t1"."l_orderkey" INNER JOIN (SELECT "l_orderkey" FROM "lineitem" GROUP BY "l_orderkey" HAVING COALESCE(SUM("l_quantity"), 0) > 300.00 AND COUNT("l_quantity") <> 0) AS "t4" ON "t0"."o_orderkey" = "t4"."l_orderkey" GROUP BY "t"."c_custkey", "t"."c_name", "t0"."o_orderkey", "t0"."o_totalprice", "t0"."o_orderdate" ORDER BY "t0"."o_totalprice" DESC, "t0"."o_orderdate" FETCH NEXT 100 ROWS ONLY
SELECT SUM("t"."l_extendedprice" * (1 - "t"."l_discount")) AS "revenue" FROM (SELECT "l_partkey", "l_quantity", "l_extendedprice", "l_discount", "l_shipinstruct", "l_shipmode" FROM "lineitem") AS "t", (SELECT "p_partkey", "p_brand", "p_size", "p_container" FROM "part") AS "t0" WHERE "t0"."p_partkey" = "t"."l_partkey" AND "t0"."p_brand" = 'Brand#12' AND ("t0"."p_container" IN ('SM BOX', 'SM CASE', 'SM PACK', 'SM PKG') AND "t"."l_quantity" >= 1.00) AND ("t"."l_quantity" <= CAST(1 + 10 AS DECIMAL(15, 2)) AND ("t0"."p_size" >= 1 AND "t0"."p_size" <= 5) AND ("t"."l_shipmode" IN ('AIR', 'AIR REG') AND "t"."l_shipinstruct" = 'DELIVER IN PERSON')) OR "t0"."p_partkey" = "t"."l_partkey" AND "t0"."p_brand" = 'Brand#23' AND ("t0"."p_container" IN ('MED BAG', 'MED BOX', 'MED PACK', 'MED PKG') AND "t"."l_quantity" >= 10.00) AND ("t"."l_quantity" <= CAST(10 + 10 AS DECIMAL(15, 2)) AND ("t0"."p_size" >= 1 AND "t0"."p_size" <= 10) AND ("t"."l_shipmode" IN ('AIR', 'AIR REG') AND "t"."l_shipinstruct" = 'DELIVER IN PERSON')) OR "t0"."p_partkey" = "t"."l_partkey" AND "t0"."p_brand" = 'Brand#34' AND ("t0"."p_container" IN ('LG BOX', 'LG CASE', 'LG PACK', 'LG PKG') AND "t"."l_quantity" >= 20.00) AND ("t"."l_quantity" <= CAST(20 + 10 AS DECIMAL(15, 2)) AND ("t0"."p_size" >= 1 AND "t0"."p_size" <= 15) AND ("t"."l_shipmode" IN ('AIR', 'AIR REG') AND "t"."l_shipinstruct" = 'DELIVER IN PERSON'))
SELECT * FROM (SELECT "s_suppkey", "s_name", "s_address", "s_nationkey" FROM "supplier") AS "t" INNER JOIN (SELECT "n_nationkey" FROM "nation" WHERE "n_name" = 'CANADA') AS "t1" ON "t"."s_nationkey" = "t1"."n_nationkey"
SELECT * FROM (SELECT "ps_partkey", "ps_suppkey", "ps_availqty" FROM "partsupp") AS "t" INNER JOIN (SELECT "p_partkey" FROM "part" WHERE "p_name" LIKE 'forest%' GROUP BY "p_partkey") AS "t1" ON "t"."ps_partkey" = "t1"."p_partkey"
SELECT "l_partkey", "l_suppkey", SUM("l_quantity") AS "$f2" FROM "lineitem" AS "t0" WHERE "l_shipdate" >= DATE '1994-01-01' AND "l_shipdate" < DATE '1995-01-01' AND "l_partkey" IS NOT NULL AND "l_suppkey" IS NOT NULL AND EXISTS (SELECT 1 FROM (SELECT "ps_partkey", "ps_suppkey" FROM "partsupp") AS "t1" INNER JOIN (SELECT "p_partkey" FROM "part" WHERE "p_name" LIKE 'forest%' GROUP BY "p_partkey") AS "t3" ON "t1"."ps_partkey" = "t3"."p_partkey" WHERE "l_partkey" = "t1"."ps_partkey" AND "l_suppkey" = "t1"."ps_suppkey") GROUP BY "l_partkey", "l_suppkey"
SELECT * FROM (SELECT "s_suppkey", "s_nationkey" FROM "supplier") AS "t" INNER JOIN (SELECT "n_nationkey" FROM "nation" WHERE "n_name" = 'CANADA') AS "t1" ON "t"."s_nationkey" = "t1"."n_nationkey"
SELECT "s_name", COUNT(*) AS "numwait" FROM (SELECT "t"."s_suppkey" AS "s_suppkey", "t"."s_name" AS "s_name", "t"."s_nationkey" AS "s_nationkey", "t1"."l_orderkey" AS "l_orderkey", "t1"."l_suppkey" AS "l_suppkey", "t3"."o_orderkey" AS "o_orderkey", "t5"."n_nationkey" AS "n_nationkey" FROM (SELECT "s_suppkey", "s_name", "s_nationkey" FROM "supplier") AS "t" INNER JOIN (SELECT "l_orderkey", "l_suppkey" FROM "lineitem" WHERE "l_receiptdate" > "l_commitdate") AS "t1" ON "t"."s_suppkey" = "t1"."l_suppkey" INNER JOIN (SELECT "o_orderkey" FROM "orders" WHERE "o_orderstatus" = 'F') AS "t3" ON "t1"."l_orderkey" = "t3"."o_orderkey" INNER JOIN (SELECT "n_nationkey" FROM "nation" WHERE "n_name" = 'SAUDI ARABIA') AS "t5" ON "t"."s_nationkey" = "t5"."n_nationkey" WHERE EXISTS (SELECT 1 FROM (SELECT "l_orderkey", "l_suppkey" FROM "lineitem") AS "t6" WHERE "t1"."l_orderkey" = "t6"."l_orderkey" AND "t6"."l_suppkey" <> "t1"."l_suppkey")) AS "sj1" WHERE NOT EXISTS (SELECT 1 FROM (SELECT "l_orderkey", "l_suppkey", "l_commitdate", "l_receiptdate" FROM "lineitem") AS "t8" WHERE "sj1"."l_orderkey" = "t8"."l_orderkey" AND "t8"."l_suppkey" <> "sj1"."l_suppkey" AND "t8"."l_receiptdate" > "t8"."l_commitdate") GROUP BY "s_name"
SELECT SUM("c_acctbal") AS "$f0", COUNT("c_acctbal") AS "$f1" FROM "customer" WHERE "c_acctbal" > 0.00 AND SUBSTRING("c_phone", 1, 2) IN ('13', '17', '18', '23', '29', '30', '31')
SELECT "c_phone", "c_acctbal" FROM "customer" AS "t0" WHERE SUBSTRING("c_phone", 1, 2) IN ('13', '17', '18', '23', '29', '30', '31') AND NOT EXISTS (SELECT 1 FROM (SELECT "o_custkey" FROM "orders") AS "t1" WHERE "c_custkey" = "t1"."o_custkey")
SELECT "o_orderkey", "o_totalprice" FROM "orders"
SELECT "o_orderkey", "o_totalprice" FROM "orders" WHERE "o_orderkey" > -1
SELECT "o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority", "o_clerk", "o_shippriority", "o_comment", CAST('eu' AS VARCHAR) AS "_site" FROM "orders"
SELECT "day", "amount", "name" FROM "events" WHERE "id" = 1003
SELECT COUNT(*) FROM "region"
SELECT "id", "grp", "small", "amount", "score", "flag", "day", "ts", "name", CAST('eu' AS VARCHAR) AS "_site" FROM "events"
SELECT "o_orderkey", "o_totalprice", "o_orderdate", 'eu' AS "_site" FROM "orders"
SELECT COUNT(*) FROM "lineitem"
SELECT "o_orderstatus", COUNT(*) AS "n", SUM("o_totalprice") AS "total", MIN("o_orderdate") AS "first_day", MAX("o_totalprice") AS "top" FROM "orders" GROUP BY "o_orderstatus"
SELECT 1 FROM "orders"
SELECT "o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority", "o_clerk", "o_shippriority", "o_comment", CAST('eu' AS VARCHAR) AS "_site" FROM "orders" WHERE "o_orderkey" IS NULL OR "o_orderkey" < 15002
SELECT "o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority", "o_clerk", "o_shippriority", "o_comment", CAST('eu' AS VARCHAR) AS "_site" FROM "orders" WHERE "o_orderkey" >= 15002 AND "o_orderkey" < 30001
SELECT "o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority", "o_clerk", "o_shippriority", "o_comment", CAST('eu' AS VARCHAR) AS "_site" FROM "orders" WHERE "o_orderkey" >= 30001 AND "o_orderkey" < 45000
SELECT "o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority", "o_clerk", "o_shippriority", "o_comment", CAST('eu' AS VARCHAR) AS "_site" FROM "orders" WHERE "o_orderkey" >= 45000
SELECT 'eu' AS "_site", COUNT(*) FROM "events" GROUP BY 'eu'
SELECT COUNT(*) FROM "nation" WHERE "n_regionkey" = 1
SELECT "id", "day", "ts" FROM "events" WHERE "id" IN (5, 1001) ORDER BY "id"
SELECT "n_nationkey", "n_name" FROM "nation" WHERE "n_nationkey" < 3 ORDER BY "n_nationkey"
SELECT 'eu' AS "_site", COUNT(*) AS "n" FROM "events" GROUP BY 'eu'
SELECT COUNT(*) FROM "nation" WHERE "n_regionkey" = 0
SELECT COUNT(*) FROM "nation" WHERE "n_regionkey" = 3
SELECT COUNT(*) FROM "nation" WHERE "n_regionkey" = 4
SELECT COUNT(*) FROM "nation" WHERE "n_regionkey" = 2
SELECT "l_comment" FROM "lineitem"
SELECT COUNT(*) FROM "lineitem" WHERE "l_shipdate" < DATE '1995-02-01'
SELECT COUNT(*) FROM "lineitem" WHERE "l_shipdate" <= DATE '1994-12-31'
SELECT COUNT(*) FROM "lineitem" WHERE "l_shipdate" < DATE '1995-04-01'
SELECT COUNT(*) FROM "lineitem" WHERE "l_shipdate" = DATE '1995-01-03'
SELECT COUNT(*) FROM "lineitem" WHERE "l_shipdate" <= DATE '1995-01-01'
SELECT COUNT(*) FROM "lineitem" WHERE "l_shipdate" > DATE '1995-01-01'
SELECT "l_partkey", "l_suppkey", SUM("l_quantity") FROM "lineitem" WHERE "l_shipdate" >= DATE '1994-01-01' AND "l_shipdate" < DATE '1995-01-01' GROUP BY "l_partkey", "l_suppkey"
SELECT "l_partkey" FROM "lineitem" WHERE "l_quantity" > 49.00 AND "l_partkey" IS NOT NULL GROUP BY "l_partkey"
SELECT "p_partkey" FROM "part" ORDER BY "p_partkey"
SELECT SUM("c_acctbal") AS "$f0", COUNT("c_acctbal") AS "$f1" FROM "customer"
SELECT "t0"."c_custkey", "t0"."c_acctbal", "t2"."o_orderkey" FROM (SELECT "c_custkey", "c_acctbal" FROM "customer" WHERE "c_custkey" < 200) AS "t0" LEFT JOIN (SELECT "o_orderkey", "o_custkey" FROM "orders" WHERE "o_totalprice" > 300000.00) AS "t2" ON "t0"."c_custkey" = "t2"."o_custkey"
SELECT MAX("c_acctbal") AS "m" FROM "customer"
SELECT "c_acctbal" FROM "customer" AS "t" WHERE EXISTS (SELECT 1 FROM (SELECT "o_custkey" FROM "orders" WHERE "o_orderstatus" = 'F') AS "t1" WHERE "c_custkey" = "t1"."o_custkey")
SELECT "l_partkey", SUM("l_quantity") AS "$f1", COUNT("l_quantity") AS "$f2" FROM "lineitem" GROUP BY "l_partkey"
SELECT COUNT(*) FROM (SELECT "t"."l_orderkey" AS "l_orderkey", "t"."l_suppkey" AS "l_suppkey", "t"."l_linenumber" AS "l_linenumber", "t0"."o_orderkey" AS "o_orderkey", "t2"."l_orderkey" AS "l_orderkey0" FROM (SELECT "l_orderkey", "l_suppkey", "l_linenumber" FROM "lineitem") AS "t" INNER JOIN (SELECT "o_orderkey" FROM "orders") AS "t0" ON "t"."l_orderkey" = "t0"."o_orderkey" INNER JOIN (SELECT "l_orderkey" FROM "lineitem" WHERE "l_linenumber" = 1) AS "t2" ON "t0"."o_orderkey" = "t2"."l_orderkey" WHERE EXISTS (SELECT 1 FROM (SELECT "l_orderkey", "l_suppkey" FROM "lineitem") AS "t3" WHERE "t"."l_orderkey" = "t3"."l_orderkey" AND "t3"."l_suppkey" <> "t"."l_suppkey")) AS "sj1" WHERE NOT EXISTS (SELECT 1 FROM (SELECT "l_orderkey", "l_linenumber" FROM "lineitem") AS "t5" WHERE "sj1"."l_orderkey0" = "t5"."l_orderkey" AND "sj1"."l_linenumber" < "t5"."l_linenumber")
SELECT "o_orderpriority", COUNT(*) FROM (SELECT "sj1"."o_orderkey" AS "o_orderkey", "sj1"."o_totalprice" AS "o_totalprice", "sj1"."o_orderdate" AS "o_orderdate", "sj1"."o_orderpriority" AS "o_orderpriority" FROM (SELECT "t"."o_orderkey" AS "o_orderkey", "t"."o_totalprice" AS "o_totalprice", "t"."o_orderdate" AS "o_orderdate", "t"."o_orderpriority" AS "o_orderpriority" FROM "orders" AS "t" WHERE EXISTS (SELECT 1 FROM (SELECT "l_orderkey" FROM "lineitem" WHERE "l_commitdate" < "l_receiptdate") AS "t1" WHERE "o_orderkey" = "t1"."l_orderkey")) AS "sj1" WHERE EXISTS (SELECT 1 FROM (SELECT "l_orderkey", "l_extendedprice" FROM "lineitem") AS "t3" WHERE "sj1"."o_orderkey" = "t3"."l_orderkey" AND CAST("t3"."l_extendedprice" AS DECIMAL(26, 13)) > "sj1"."o_totalprice" / 3)) AS "sj2" WHERE NOT EXISTS (SELECT 1 FROM (SELECT "l_orderkey", "l_shipdate" FROM "lineitem") AS "t5" WHERE "sj2"."o_orderkey" = "t5"."l_orderkey" AND CAST("t5"."l_shipdate" AS TIMESTAMP(0)) > (CAST("sj2"."o_orderdate" AS TIMESTAMP(0)) + INTERVAL '100' DAY)) GROUP BY "o_orderpriority"
SELECT COUNT(*) FROM (SELECT "o_orderkey", "o_totalprice", "o_totalprice" / 10000 AS "$f3" FROM "orders") AS "t" LEFT JOIN (SELECT "t2"."o_orderkey", "t2"."$f3", TRUE AS "$f2" FROM (SELECT "l_orderkey", CAST("l_quantity" AS DECIMAL(26, 13)) AS "l_quantity0" FROM "lineitem") AS "t0" INNER JOIN (SELECT "o_orderkey", "o_totalprice" / 10000 AS "$f3" FROM "orders" GROUP BY "o_orderkey", "o_totalprice" / 10000) AS "t2" ON "t0"."l_orderkey" = "t2"."o_orderkey" AND "t0"."l_quantity0" > "t2"."$f3" GROUP BY "t2"."o_orderkey", "t2"."$f3") AS "t4" ON "t"."o_orderkey" = "t4"."o_orderkey" AND "t"."$f3" = "t4"."$f3" WHERE "t"."o_totalprice" > 400000.00 OR "t4"."$f2" IS NOT NULL
SELECT "l_partkey", SUM("l_quantity") AS "s" FROM "lineitem" GROUP BY "l_partkey"
SELECT "p_partkey", "p_name" FROM "part" WHERE "p_brand" = 'Brand#23' ORDER BY "p_partkey"
SELECT "p_partkey" FROM "part" WHERE "p_brand" = 'Brand#23'
SELECT "l_partkey", SUM("l_quantity") AS "$f1" FROM "lineitem" AS "t" WHERE EXISTS (SELECT 1 FROM (SELECT "p_partkey" FROM "part" WHERE "p_brand" = 'Brand#23') AS "t1" WHERE "l_partkey" = "t1"."p_partkey") GROUP BY "l_partkey"
SELECT "l_partkey", "l_suppkey", COUNT(*) AS "$f2" FROM "lineitem" AS "t" WHERE EXISTS (SELECT 1 FROM (SELECT "ps_partkey", "ps_suppkey" FROM "partsupp" WHERE "ps_partkey" < 40) AS "t1" WHERE "l_partkey" = "t1"."ps_partkey" AND "l_suppkey" = "t1"."ps_suppkey") GROUP BY "l_partkey", "l_suppkey"
SELECT "ps_partkey", "ps_suppkey", "ps_availqty" FROM "partsupp" WHERE "ps_partkey" < 40 ORDER BY "ps_partkey", "ps_suppkey"
SELECT "p_partkey", "p_brand" FROM "part" ORDER BY "p_partkey"
SELECT "o_custkey", COUNT(*) FROM "orders" GROUP BY "o_custkey"
SELECT COUNT(*) FROM "lineitem" WHERE CAST("l_shipdate" AS TIMESTAMP(0)) = TIMESTAMP '1995-01-01 12:00:00'
SELECT COUNT(*) FROM "lineitem" WHERE CAST("l_shipdate" AS TIMESTAMP(0)) <> TIMESTAMP '1995-01-01 12:00:00'
SELECT SUM("t0"."l_extendedprice") FROM (SELECT "l_partkey", "l_extendedprice" FROM "lineitem" WHERE "l_quantity" >= 1.00 AND "l_quantity" <= 20.00) AS "t0" INNER JOIN (SELECT "p_partkey" FROM "part" WHERE "p_brand" IN ('Brand#12', 'Brand#23')) AS "t2" ON "t0"."l_partkey" = "t2"."p_partkey"
SELECT COUNT(*), SUM("o_totalprice") FROM "orders"
SELECT "o_orderstatus", COUNT(*), SUM("o_totalprice") AS "$f2", COUNT("o_totalprice") AS "$f3" FROM "orders" GROUP BY "o_orderstatus"
SELECT COUNT(*) FROM "orders"
SELECT COUNT(*) FROM "orders" WHERE "o_totalprice" > 1000.00
SELECT SUM("t"."l_extendedprice") FROM (SELECT "l_partkey", "l_quantity", "l_extendedprice" FROM "lineitem") AS "t", (SELECT "p_partkey", "p_brand" FROM "part") AS "t0" WHERE "t0"."p_partkey" = "t"."l_partkey" AND "t0"."p_brand" = 'Brand#12' AND "t"."l_quantity" <= 11.00 OR "t0"."p_partkey" = "t"."l_partkey" AND "t0"."p_brand" = 'Brand#23' AND ("t"."l_quantity" >= 10.00 AND "t"."l_quantity" <= 20.00)
SELECT 'eu' AS "_site", COUNT(*) FROM "orders" GROUP BY 'eu'
SELECT "o_orderkey", "o_orderstatus" FROM "orders" WHERE "o_orderkey" < 300
SELECT "o_orderkey", "o_totalprice" FROM "orders" ORDER BY "o_totalprice" DESC, "o_orderkey" FETCH NEXT 5 ROWS ONLY
SELECT "t"."c_mktsegment", COUNT(*) FROM (SELECT "c_custkey", "c_mktsegment" FROM "customer") AS "t" INNER JOIN (SELECT "o_custkey" FROM "orders") AS "t0" ON "t"."c_custkey" = "t0"."o_custkey" GROUP BY "t"."c_mktsegment"
SELECT "c_custkey", "c_name" FROM "customer" WHERE "c_custkey" < 20
SELECT "o_orderkey", "o_totalprice" FROM "orders" WHERE "o_totalprice" > 400000.00
SELECT COUNT(*) FROM "orders" WHERE "o_orderdate" >= DATE '1995-01-01' AND "o_orderdate" < DATE '1995-02-01'
SELECT "o_orderstatus" FROM "orders" GROUP BY "o_orderstatus"
SELECT "c_mktsegment", "c_nationkey" FROM "customer" GROUP BY "c_nationkey", "c_mktsegment"
SELECT "o_orderkey", CASE WHEN "o_totalprice" > 200000.00 THEN 'big' WHEN "o_totalprice" > 100000.00 THEN 'mid' ELSE 'small' END AS "size" FROM "orders" WHERE "o_orderkey" < 200
SELECT "c_name" FROM "customer" WHERE "c_name" LIKE '%00001%'
SELECT "p_partkey", "p_name" FROM "part" WHERE "p_name" LIKE 'forest%'
SELECT "c_custkey" FROM "customer" WHERE "c_mktsegment" IN ('BUILDING', 'MACHINERY') AND "c_acctbal" > 9900.00
SELECT "o_orderkey" FROM "orders" WHERE "o_orderpriority" NOT IN ('1-URGENT', '2-HIGH') AND "o_orderkey" < 100
SELECT "l_orderkey", "l_linenumber" FROM "lineitem" WHERE "l_shipdate" >= DATE '1996-03-01' AND "l_shipdate" <= DATE '1996-03-03'
SELECT EXTRACT(YEAR FROM "o_orderdate") AS "y", EXTRACT(MONTH FROM "o_orderdate") AS "m", "o_orderkey" FROM "orders" WHERE "o_orderkey" < 50
SELECT "o_orderkey", (CAST("o_orderdate" AS TIMESTAMP(0)) + INTERVAL '30' DAY) AS "due" FROM "orders" WHERE "o_orderkey" < 40
SELECT "l_orderkey", "l_shipdate", "l_receiptdate" FROM "lineitem" WHERE CAST("l_receiptdate" AS TIMESTAMP(0)) > (CAST("l_shipdate" AS TIMESTAMP(0)) + INTERVAL '29' DAY) AND "l_orderkey" < 500
SELECT UPPER("c_name") AS "n", LOWER("c_mktsegment") AS "s", LENGTH("c_address") AS "len" FROM "customer" WHERE "c_custkey" <= 10
SELECT "c_custkey", SUBSTRING("c_phone", 1, 2) AS "cc" FROM "customer" WHERE "c_custkey" < 30
SELECT "c_name" || '/' || "c_mktsegment" AS "label" FROM "customer" WHERE "c_custkey" < 15
SELECT "o_orderkey", "o_totalprice" * 2 AS "twice", "o_totalprice" / 3 AS "third" FROM "orders" WHERE "o_orderkey" < 30
SELECT "l_orderkey", "l_extendedprice" * (1 - "l_discount") * (1 + "l_tax") AS "charge" FROM "lineitem" WHERE "l_orderkey" < 20
SELECT ABS("c_acctbal") AS "a", ROUND("c_acctbal", 0) AS "r", FLOOR("c_acctbal") AS "f", CEIL("c_acctbal") AS "c" FROM "customer" WHERE "c_custkey" < 25
SELECT "o_orderkey" FROM "orders" WHERE "o_comment" LIKE '%special%requests%' AND "o_orderkey" < 3000
SELECT "c_custkey" FROM "customer" WHERE "c_acctbal" <= 0.00 AND "c_custkey" < 300
SELECT "s_suppkey", "s_name" FROM "supplier" WHERE "s_nationkey" = 7
SELECT "t"."n_name", "t0"."r_name" FROM (SELECT "n_name", "n_regionkey" FROM "nation") AS "t" INNER JOIN (SELECT "r_regionkey", "r_name" FROM "region") AS "t0" ON "t"."n_regionkey" = "t0"."r_regionkey"
SELECT CASE WHEN CASE WHEN "o_orderpriority" = '1-URGENT' THEN NULL ELSE "o_orderpriority" END IS NOT NULL THEN CAST(CASE WHEN "o_orderpriority" = '1-URGENT' THEN NULL ELSE "o_orderpriority" END AS VARCHAR) ELSE 'urgent' END AS "p", "o_orderkey" FROM "orders" WHERE "o_orderkey" < 60
SELECT CAST("o_totalprice" AS INTEGER) AS "p", CAST("o_orderkey" AS VARCHAR) AS "k" FROM "orders" WHERE "o_orderkey" < 35
SELECT "o_orderkey" FROM "orders" WHERE "o_orderdate" = DATE '1996-01-02'
SELECT COUNT(*), SUM("o_totalprice"), MIN("o_totalprice"), MAX("o_totalprice") FROM "orders"
SELECT SUM("o_totalprice") AS "$f0", COUNT("o_totalprice") AS "$f1" FROM "orders"
SELECT SUM("l_quantity") AS "$f0", COUNT("l_quantity") AS "$f1", SUM("l_discount") AS "$f2", COUNT("l_discount") AS "$f3" FROM "lineitem"
SELECT SUM(CAST("o_totalprice" AS DOUBLE) * CAST("o_totalprice" AS DOUBLE)) AS "$f0", SUM("o_totalprice") AS "$f1", COUNT("o_totalprice") AS "$f2" FROM "orders"
SELECT SUM(CAST("l_quantity" AS DOUBLE) * CAST("l_quantity" AS DOUBLE)) AS "$f0", SUM("l_quantity") AS "$f1", COUNT("l_quantity") AS "$f2" FROM "lineitem"
SELECT COUNT("o_custkey") FROM (SELECT "o_custkey" FROM "orders" GROUP BY "o_custkey") AS "t"
SELECT "c_nationkey", "c_mktsegment" FROM "customer" GROUP BY "c_nationkey", "c_mktsegment"
SELECT "l_quantity" FROM "lineitem" GROUP BY "l_quantity"
SELECT "o_orderstatus", COUNT(*), SUM("o_totalprice") FROM "orders" GROUP BY "o_orderstatus"
SELECT "o_orderpriority", SUM("o_totalprice") AS "$f1", COUNT("o_totalprice") AS "$f2", MIN("o_orderdate"), MAX("o_orderdate") FROM "orders" GROUP BY "o_orderpriority"
SELECT "c_mktsegment", COUNT(*), SUM("c_acctbal") AS "$f2", COUNT("c_acctbal") AS "$f3", SUM(CAST("c_acctbal" AS DOUBLE) * CAST("c_acctbal" AS DOUBLE)) AS "$f4" FROM "customer" GROUP BY "c_mktsegment"
SELECT "c_nationkey", COUNT(*) FROM "customer" GROUP BY "c_nationkey"
SELECT "l_returnflag", "l_linestatus", SUM("l_quantity"), SUM("l_extendedprice"), SUM("l_discount") AS "$f4", COUNT("l_discount") AS "$f5", COUNT(*) FROM "lineitem" GROUP BY "l_returnflag", "l_linestatus"
SELECT "o_orderstatus", COUNT("o_custkey") FROM (SELECT "o_custkey", "o_orderstatus" FROM "orders" GROUP BY "o_custkey", "o_orderstatus") AS "t" GROUP BY "o_orderstatus"
SELECT "l_shipmode", "l_orderkey", COUNT(*) FROM "lineitem" GROUP BY "l_orderkey", "l_shipmode"
SELECT "c_mktsegment", COUNT(*) FROM "customer" GROUP BY "c_mktsegment"
SELECT "o_custkey", CASE WHEN COUNT("o_totalprice") = 0 THEN NULL ELSE COALESCE(SUM("o_totalprice"), 0) END FROM "orders" GROUP BY "o_custkey" HAVING COALESCE(SUM("o_totalprice"), 0) > 2500000.00 AND COUNT("o_totalprice") <> 0
SELECT "o_orderpriority", COUNT(*), SUM("o_totalprice") AS "$f2", COUNT("o_totalprice") AS "$f3" FROM "orders" WHERE "o_orderdate" < DATE '1994-01-01' GROUP BY "o_orderpriority"
SELECT EXTRACT(YEAR FROM "o_orderdate") AS "y", COUNT(*), SUM("o_totalprice") FROM "orders" GROUP BY EXTRACT(YEAR FROM "o_orderdate")
SELECT "l_linenumber", MIN("l_shipdate"), MAX("l_commitdate") FROM "lineitem" GROUP BY "l_linenumber"
SELECT COUNT(*) FROM "orders" WHERE "o_totalprice" < 0.00
SELECT SUM("o_totalprice"), COUNT("o_totalprice") AS "$f1", MAX("o_orderkey") FROM "orders" WHERE "o_totalprice" < 0.00
SELECT "o_orderstatus", COUNT(*) FROM "orders" WHERE "o_totalprice" < 0.00 GROUP BY "o_orderstatus"
SELECT COUNT("o_comment"), COUNT(*) FROM "orders"
SELECT MAX("c_name"), MIN("c_address") FROM "customer"
SELECT BOOL_AND("o_totalprice" > 1000.00), BOOL_OR("o_totalprice" > 500000.00) FROM "orders"
SELECT "o_orderstatus", BOOL_AND("o_totalprice" > 5000.00), BOOL_OR("o_orderpriority" = '1-URGENT') FROM "orders" GROUP BY "o_orderstatus"
SELECT "c_mktsegment", "c_nationkey", COUNT(*) FROM "customer" GROUP BY "c_nationkey", "c_mktsegment"
SELECT "o_orderstatus", "o_orderpriority", COUNT(*), SUM("o_totalprice") FROM "orders" GROUP BY "o_orderstatus", "o_orderpriority"
SELECT "l_returnflag", "l_linestatus", COUNT(*), SUM("l_quantity") AS "$f3", COUNT("l_quantity") AS "$f4" FROM "lineitem" GROUP BY "l_returnflag", "l_linestatus"
SELECT "o_orderstatus", COUNT(*) FROM "orders" GROUP BY "o_orderstatus"
SELECT "c_mktsegment", "c_nationkey", MAX("c_acctbal") FROM "customer" GROUP BY "c_nationkey", "c_mktsegment"
SELECT SUM(CAST("l_quantity" AS DOUBLE)) AS "$f0", COUNT(CAST("l_quantity" AS DOUBLE)) AS "$f1", SUM("l_quantity" * "l_extendedprice") FROM "lineitem"
SELECT SUM("l_extendedprice" * (1 - "l_discount")) AS "revenue" FROM "lineitem" WHERE "l_shipdate" >= DATE '1994-01-01' AND "l_shipdate" < DATE '1995-01-01'
SELECT "o_orderstatus", COUNT(*) AS "n" FROM "orders" WHERE "o_orderkey" < 1000 GROUP BY "o_orderstatus"
SELECT "o_orderkey", "o_totalprice" FROM "orders" ORDER BY "o_totalprice" DESC, "o_orderkey" FETCH NEXT 10 ROWS ONLY
SELECT "c_custkey", "c_acctbal" FROM "customer" ORDER BY "c_acctbal", "c_custkey" FETCH NEXT 5 ROWS ONLY
SELECT "l_orderkey", "l_linenumber", "l_extendedprice" FROM "lineitem" ORDER BY "l_extendedprice" DESC, "l_orderkey", "l_linenumber" FETCH NEXT 20 ROWS ONLY
SELECT "o_orderkey", "o_orderdate" FROM "orders" WHERE "o_orderstatus" = 'F' ORDER BY "o_orderdate", "o_orderkey" FETCH NEXT 7 ROWS ONLY
SELECT "c_name" FROM "customer" ORDER BY "c_name" FETCH NEXT 3 ROWS ONLY
SELECT "o_orderkey" FROM "orders" ORDER BY "o_orderkey" FETCH NEXT 15 ROWS ONLY
SELECT "o_custkey", SUM("o_totalprice") AS "t" FROM "orders" GROUP BY "o_custkey" ORDER BY 2 DESC, "o_custkey" FETCH NEXT 10 ROWS ONLY
SELECT "c_nationkey", COUNT(*) AS "n" FROM "customer" GROUP BY "c_nationkey"
SELECT "o_orderkey", "o_totalprice" FROM "orders" ORDER BY "o_totalprice" DESC, "o_orderkey" FETCH NEXT 3 ROWS ONLY
SELECT "n_name" FROM "nation" ORDER BY "n_name" DESC
SELECT "c_mktsegment" FROM "customer" GROUP BY "c_mktsegment"
SELECT "o_orderpriority", COUNT(*) AS "n" FROM "orders" GROUP BY "o_orderpriority"
SELECT "l_orderkey", "l_linenumber" FROM "lineitem" WHERE "l_quantity" = 50.00 ORDER BY "l_orderkey", "l_linenumber" FETCH NEXT 25 ROWS ONLY
SELECT "t"."c_name", "t1"."o_orderkey", "t1"."o_totalprice" FROM (SELECT "c_custkey", "c_name" FROM "customer") AS "t" INNER JOIN (SELECT "o_orderkey", "o_custkey", "o_totalprice" FROM "orders" WHERE "o_totalprice" > 450000.00) AS "t1" ON "t"."c_custkey" = "t1"."o_custkey"
SELECT "t"."c_mktsegment", COUNT(*), SUM("t0"."o_totalprice") FROM (SELECT "c_custkey", "c_mktsegment" FROM "customer") AS "t" INNER JOIN (SELECT "o_custkey", "o_totalprice" FROM "orders") AS "t0" ON "t"."c_custkey" = "t0"."o_custkey" GROUP BY "t"."c_mktsegment"
SELECT "t"."o_orderpriority", COUNT(*) FROM (SELECT "o_orderkey", "o_orderpriority" FROM "orders") AS "t" INNER JOIN (SELECT "l_orderkey" FROM "lineitem" WHERE "l_commitdate" < "l_receiptdate") AS "t1" ON "t"."o_orderkey" = "t1"."l_orderkey" GROUP BY "t"."o_orderpriority"
SELECT "t0"."n_name", COUNT(*) FROM (SELECT "c_nationkey" FROM "customer") AS "t" INNER JOIN (SELECT "n_nationkey", "n_name" FROM "nation") AS "t0" ON "t"."c_nationkey" = "t0"."n_nationkey" GROUP BY "t0"."n_name"
SELECT "t2"."r_name", COUNT(*), SUM("t"."o_totalprice") FROM (SELECT "o_custkey", "o_totalprice" FROM "orders") AS "t" INNER JOIN (SELECT "c_custkey", "c_nationkey" FROM "customer") AS "t0" ON "t"."o_custkey" = "t0"."c_custkey" INNER JOIN (SELECT "n_nationkey", "n_regionkey" FROM "nation") AS "t1" ON "t0"."c_nationkey" = "t1"."n_nationkey" INNER JOIN (SELECT "r_regionkey", "r_name" FROM "region") AS "t2" ON "t1"."n_regionkey" = "t2"."r_regionkey" GROUP BY "t2"."r_name"
SELECT "t1"."p_brand", SUM("t"."l_quantity") FROM (SELECT "l_partkey", "l_quantity" FROM "lineitem") AS "t" INNER JOIN (SELECT "p_partkey", "p_brand" FROM "part" WHERE "p_size" = 15) AS "t1" ON "t"."l_partkey" = "t1"."p_partkey" GROUP BY "t1"."p_brand"
SELECT "t1"."s_name", COUNT(*) FROM (SELECT "l_suppkey" FROM "lineitem" WHERE "l_shipdate" < DATE '1992-03-01') AS "t0" INNER JOIN (SELECT "s_suppkey", "s_name" FROM "supplier") AS "t1" ON "t0"."l_suppkey" = "t1"."s_suppkey" GROUP BY "t1"."s_name"
SELECT "t0"."c_custkey", "t0"."c_name", COUNT("t1"."o_orderkey") FROM (SELECT "c_custkey", "c_name" FROM "customer" WHERE "c_custkey" < 40) AS "t0" LEFT JOIN (SELECT "o_orderkey", "o_custkey" FROM "orders") AS "t1" ON "t0"."c_custkey" = "t1"."o_custkey" GROUP BY "t0"."c_custkey", "t0"."c_name"
SELECT "t0"."c_custkey" FROM (SELECT "c_custkey" FROM "customer" WHERE "c_custkey" < 100) AS "t0" LEFT JOIN (SELECT "o_orderkey", "o_custkey" FROM "orders") AS "t1" ON "t0"."c_custkey" = "t1"."o_custkey" WHERE "t1"."o_orderkey" IS NULL
SELECT "t0"."o_orderkey", COUNT(*) FROM (SELECT "o_orderkey" FROM "orders" WHERE "o_orderkey" < 100) AS "t0" INNER JOIN (SELECT "l_orderkey" FROM "lineitem") AS "t1" ON "t0"."o_orderkey" = "t1"."l_orderkey" GROUP BY "t0"."o_orderkey"
SELECT "c_custkey", "c_acctbal" FROM "customer"
SELECT "o_orderkey" FROM "orders" WHERE "o_orderkey" < 200
SELECT "c_custkey", "c_nationkey" FROM "customer"
SELECT "t"."n_name", "t0"."n_name" AS "n_name0" FROM (SELECT "n_nationkey", "n_name", "n_regionkey" FROM "nation") AS "t" INNER JOIN (SELECT "n_nationkey", "n_name", "n_regionkey" FROM "nation") AS "t0" ON "t"."n_regionkey" = "t0"."n_regionkey" AND "t"."n_nationkey" < "t0"."n_nationkey"
SELECT "t"."ps_partkey", CASE WHEN COUNT("t"."ps_supplycost" * "t"."ps_availqty") = 0 THEN NULL ELSE COALESCE(SUM("t"."ps_supplycost" * "t"."ps_availqty"), 0) END FROM (SELECT "ps_partkey", "ps_suppkey", "ps_availqty", "ps_supplycost" FROM "partsupp") AS "t" INNER JOIN (SELECT "s_suppkey" FROM "supplier" WHERE "s_nationkey" = 3) AS "t1" ON "t"."ps_suppkey" = "t1"."s_suppkey" GROUP BY "t"."ps_partkey" HAVING COALESCE(SUM("t"."ps_supplycost" * "t"."ps_availqty"), 0) > 8000000.00 AND COUNT("t"."ps_supplycost" * "t"."ps_availqty") <> 0
SELECT "t"."c_name", "t0"."o_orderkey", "t0"."o_totalprice" FROM (SELECT "c_custkey", "c_name" FROM "customer") AS "t" INNER JOIN (SELECT "o_orderkey", "o_custkey", "o_totalprice" FROM "orders") AS "t0" ON "t"."c_custkey" = "t0"."o_custkey" ORDER BY "t0"."o_totalprice" DESC, "t0"."o_orderkey" FETCH NEXT 5 ROWS ONLY
SELECT COUNT(*) FROM (SELECT "o_orderkey", "o_custkey" FROM "orders") AS "t" INNER JOIN (SELECT "l_orderkey" FROM "lineitem") AS "t0" ON "t"."o_orderkey" = "t0"."l_orderkey" INNER JOIN (SELECT "c_custkey" FROM "customer" WHERE "c_mktsegment" = 'AUTOMOBILE') AS "t2" ON "t"."o_custkey" = "t2"."c_custkey"
SELECT "c_custkey" FROM "customer" AS "t" WHERE EXISTS (SELECT 1 FROM (SELECT * FROM "orders" WHERE "o_totalprice" > 450000.00) AS "t0" WHERE "c_custkey" = "t0"."o_custkey")
SELECT "c_custkey" FROM "customer" AS "t0" WHERE "c_custkey" < 50 AND NOT EXISTS (SELECT 1 FROM (SELECT "o_custkey" FROM "orders") AS "t1" WHERE "c_custkey" = "t1"."o_custkey")
SELECT "t0"."c_custkey", CASE WHEN "t5"."EXPR$0" IS NULL THEN 0 ELSE "t5"."EXPR$0" END FROM (SELECT "c_custkey" FROM "customer" WHERE "c_custkey" < 25) AS "t0" LEFT JOIN (SELECT "t2"."c_custkey" AS "o_custkey", CASE WHEN "t4"."EXPR$0" IS NOT NULL THEN "t4"."EXPR$0" ELSE 0 END AS "EXPR$0" FROM (SELECT "c_custkey" FROM "customer" WHERE "c_custkey" < 25 GROUP BY "c_custkey") AS "t2" LEFT JOIN (SELECT "o_custkey", COUNT(*) AS "EXPR$0" FROM "orders" WHERE "o_custkey" IS NOT NULL GROUP BY "o_custkey") AS "t4" ON "t2"."c_custkey" IS NOT DISTINCT FROM "t4"."o_custkey") AS "t5" ON "t0"."c_custkey" = "t5"."o_custkey"
SELECT "o_custkey" FROM "orders" AS "t0" WHERE "o_orderkey" < 2000 AND EXISTS (SELECT 1 FROM (SELECT "l_orderkey" FROM "lineitem" WHERE "l_quantity" > 49.00) AS "t2" WHERE "o_orderkey" = "t2"."l_orderkey")
SELECT "o_orderstatus", COUNT(*) AS "n" FROM "orders" GROUP BY "o_orderstatus"
SELECT MAX("t") FROM (SELECT "o_custkey", SUM("o_totalprice") AS "t" FROM "orders" GROUP BY "o_custkey") AS "t"
SELECT COUNT(*), MAX("o_totalprice") FROM "orders" WHERE "o_totalprice" > 300000.00
SELECT "p_partkey" FROM "part" WHERE "p_partkey" < 100
SELECT "l_partkey" FROM "lineitem" AS "t0" WHERE "l_quantity" = 1.00 AND "l_discount" = 0.00 AND EXISTS (SELECT 1 FROM (SELECT "p_partkey" FROM "part" WHERE "p_partkey" < 100) AS "t2" WHERE "l_partkey" = "t2"."p_partkey") GROUP BY "l_partkey"
SELECT "c_acctbal", "c_mktsegment" FROM "customer"
SELECT "o_orderkey" FROM "orders" AS "t0" WHERE "o_orderkey" < 3000 AND EXISTS (SELECT 1 FROM (SELECT * FROM "customer" WHERE "c_nationkey" = 1) AS "t1" WHERE "o_custkey" = "t1"."c_custkey")
SELECT "c_custkey" FROM "customer" WHERE "c_custkey" < 5
SELECT "o_custkey" FROM "orders" WHERE "o_orderkey" < 5
SELECT "n_nationkey" FROM "nation" WHERE "n_regionkey" = 1
SELECT "c_nationkey" FROM "customer" WHERE "c_custkey" < 100
SELECT "c_nationkey" FROM "customer" WHERE "c_custkey" < 50
SELECT "n_nationkey" FROM "nation"
SELECT "o_orderstatus" AS "s" FROM "orders" WHERE "o_orderkey" < 10
SELECT "c_mktsegment" FROM "customer" WHERE "c_custkey" < 3
SELECT 'eu' AS "_site", MIN("c_custkey"), MAX("c_custkey") FROM "customer" GROUP BY 'eu'
SELECT 'eu' AS "_site", COUNT(*) FROM "nation" GROUP BY 'eu'
SELECT COUNT(*), COUNT("grp"), COUNT("small"), COUNT("amount"), COUNT("score") FROM "events"
SELECT "grp", COUNT(*), SUM("small"), SUM("amount") AS "$f3", COUNT("amount") AS "$f4", MIN("score"), MAX("day") FROM "events" GROUP BY "grp"
SELECT "grp", SUM("small") FROM "events" WHERE "small" IS NULL GROUP BY "grp"
SELECT COUNT(*) FROM "events" WHERE "grp" IS NULL
SELECT "id" FROM "events" WHERE "grp" IS NULL AND "id" < 100
SELECT CASE WHEN "grp" IS NOT NULL THEN CAST("grp" AS VARCHAR) ELSE '(none)' END AS "g", "small" FROM "events" GROUP BY CASE WHEN "grp" IS NOT NULL THEN CAST("grp" AS VARCHAR) ELSE '(none)' END, "small"
SELECT "flag", COUNT(*), SUM("score") AS "$f2", COUNT("score") AS "$f3" FROM "events" GROUP BY "flag"
SELECT "id", "name" FROM "events" WHERE "name" LIKE 'n1%' AND "id" < 200
SELECT SUM("score" * "score") AS "$f0", SUM("score") AS "$f1", COUNT("score") AS "$f2", SUM(CAST("amount" AS DOUBLE) * CAST("amount" AS DOUBLE)) AS "$f3", SUM("amount") AS "$f4", COUNT("amount") AS "$f5" FROM "events"
SELECT "grp", SUM(CAST("amount" AS DOUBLE) * CAST("amount" AS DOUBLE)) AS "$f1", SUM("amount") AS "$f2", COUNT("amount") AS "$f3", SUM(CAST("small" AS DOUBLE) * CAST("small" AS DOUBLE)) AS "$f4", SUM("small") AS "$f5", COUNT("small") AS "$f6" FROM "events" GROUP BY "grp"
SELECT MIN("ts"), MAX("ts"), MIN("day"), MAX("day") FROM "events"
SELECT EXTRACT(YEAR FROM "day") AS "y", COUNT(*) FROM "events" GROUP BY EXTRACT(YEAR FROM "day")
SELECT "id", "amount" FROM "events" ORDER BY "amount" DESC, "id" FETCH NEXT 10 ROWS ONLY
SELECT "id", "small" FROM "events" ORDER BY "small" NULLS FIRST, "id" FETCH NEXT 10 ROWS ONLY
SELECT BOOL_AND("flag"), BOOL_OR("flag") FROM "events"
SELECT "grp", BOOL_AND("flag"), BOOL_OR("flag") FROM "events" GROUP BY "grp"
SELECT "grp", "small", "flag" FROM "events" GROUP BY "grp", "small", "flag"
SELECT "grp", "small", COUNT(*) FROM "events" GROUP BY "grp", "small"
SELECT SUM("amount"), COUNT("amount") AS "$f1", MIN("amount"), MAX("amount") FROM "events"
SELECT CASE WHEN "score" IS NULL THEN 'none' WHEN "score" < 5E-1 THEN 'low' ELSE 'high' END AS "band", COUNT(*) FROM "events" GROUP BY CASE WHEN "score" IS NULL THEN 'none' WHEN "score" < 5E-1 THEN 'low' ELSE 'high' END
SELECT "id" FROM "events" WHERE "small" IN (1, 2, 3) AND "grp" <> 'g1' AND "id" < 300
SELECT "id", "ts" FROM "events" WHERE "ts" >= TIMESTAMP '2024-01-05 00:00:00' AND "ts" < TIMESTAMP '2024-01-06 00:00:00'
SELECT "grp", MAX("name"), MIN("name") FROM "events" GROUP BY "grp"
SELECT COUNT(*) FROM (SELECT CAST("small" AS BIGINT) AS "small0" FROM "events") AS "t" INNER JOIN (SELECT "n_nationkey" FROM "nation") AS "t0" ON "t"."small0" = "t0"."n_nationkey"
SELECT SUM("small") AS "$f0", COUNT("small") AS "$f1", SUM(CAST("small" AS BIGINT)) FROM "events" WHERE "id" >= 1000
SELECT COUNT(*) FROM "events" WHERE "id" >= 1000
SELECT "grp", COUNT(*) FROM "events" GROUP BY "grp"
SELECT "id", "score" FROM "events" WHERE "score" > 9.9E-1 ORDER BY "score" DESC, "id"
SELECT "small", COUNT(*) AS "n" FROM "events" GROUP BY "small"
SELECT "o_orderkey" FROM "orders" WHERE "o_orderkey" < 2000
SELECT "o_orderkey", "o_custkey", "o_totalprice" FROM "orders" WHERE "o_custkey" < 100
SELECT "o_orderkey", "o_orderstatus", "o_totalprice" FROM "orders" WHERE "o_orderkey" < 500
SELECT "o_orderkey", "o_orderstatus", "o_totalprice" FROM "orders"
SELECT "c_custkey", "c_nationkey", "c_acctbal" FROM "customer" WHERE "c_custkey" < 300
SELECT "l_orderkey", "l_linenumber", "l_quantity" FROM "lineitem" WHERE "l_orderkey" < 100
SELECT "id", "grp" FROM "events" WHERE "id" < 200
SELECT "o_orderkey", "o_totalprice" FROM "orders" WHERE "o_orderkey" < 300
SELECT "t0"."c_custkey", "t1"."n_name" FROM (SELECT "c_custkey", "c_nationkey" FROM "customer" WHERE "c_custkey" < 200) AS "t0" INNER JOIN (SELECT "n_nationkey", "n_name" FROM "nation") AS "t1" ON "t0"."c_nationkey" = "t1"."n_nationkey"
SELECT "l_suppkey", SUM("l_quantity") AS "q" FROM "lineitem" WHERE "l_shipdate" < DATE '1995-01-01' GROUP BY "l_suppkey"
SELECT "l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice", "l_discount", "l_tax", "l_returnflag", "l_linestatus", "l_shipdate", "l_commitdate", "l_receiptdate", "l_shipinstruct", "l_shipmode", "l_comment", CAST('eu' AS VARCHAR) AS "_site" FROM "lineitem"
SELECT "l_returnflag", "l_linestatus", COUNT(*), SUM("l_quantity"), SUM("l_discount") AS "$f4", COUNT("l_discount") AS "$f5" FROM "lineitem" GROUP BY "l_returnflag", "l_linestatus"
SELECT "l_orderkey", "l_linenumber", "l_extendedprice" FROM "lineitem" ORDER BY "l_extendedprice" DESC, "l_orderkey", "l_linenumber" FETCH NEXT 10 ROWS ONLY
SELECT COUNT(*) FROM "lineitem" WHERE "l_quantity" > 10.00
SELECT SUM("o_totalprice") FROM "orders"
SELECT MIN("o_orderdate") FROM "orders"
