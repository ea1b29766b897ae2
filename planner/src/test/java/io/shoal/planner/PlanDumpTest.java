package io.shoal.planner;

import java.sql.Connection;
import org.junit.jupiter.api.Test;

class PlanDumpTest {
  @Test
  void dump() throws Exception {
    try (Connection c = Fixtures.connect()) {
      for (String q : new String[] {
          "select count(*) from orders",
          "select o_orderstatus, count(*), sum(o_totalprice), avg(o_totalprice) from orders group by o_orderstatus",
          "select * from orders where _site = 'eu'",
          "select o_orderkey, o_totalprice from orders order by o_totalprice desc limit 10",
          "select c_name, o_totalprice from orders join customer on o_custkey = c_custkey",
          "select n_name, count(*) from customer join nation on c_nationkey = n_nationkey group by n_name",
          "select count(distinct o_custkey) from orders",
          "select o_orderstatus, o_shippriority, sum(o_totalprice) from orders group by rollup(o_orderstatus, o_shippriority)",
          "select _site, count(*) from orders group by _site",
          "select * from nation",
          "select avg(c_acctbal), stddev_samp(c_acctbal), sum(c_nationkey) from customer",
          "select o_orderstatus, count(distinct o_custkey), sum(o_totalprice) from orders group by o_orderstatus",
          "select * from orders where o_orderdate > date '1995-01-01' and o_totalprice < 100",
          "select c_name, n_name from customer left join nation on c_nationkey = n_nationkey where customer._site in ('us','apac')",
          "select o_orderkey from orders o join customer c on o.o_orderkey = c.c_custkey",
          "select * from eu.orders o join us.customer c on o.o_custkey = c.c_custkey",
          "select o_custkey, sum(o_totalprice) s from orders group by o_custkey order by s desc limit 5",
          "select * from shoal.sites",
          "select * from orders order by o_orderkey limit 5 offset 10",
      }) {
        System.out.println("=== " + q + "\n" + Fixtures.explain(c, q));
      }
    }
  }
}
