package io.shoal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void siteInfoRoundTrips() {
    SiteInfo info =
        new SiteInfo(
            "eu",
            "eu-west-1",
            "0.1.0",
            List.of(
                new TableInfo(
                    "orders",
                    "iceberg",
                    List.of(new ColumnInfo("o_orderkey", "BIGINT", false)),
                    42,
                    Distribution.PARTITIONED,
                    Map.of("o_orderkey", "order"),
                    7L)),
            new PolicySummary(
                "aggregates", 10, Map.of("customer", new PolicySummary.TablePolicy(null, List.of("c_phone")))));
    assertThat(Json.fromBytes(Json.toBytes(info), SiteInfo.class)).isEqualTo(info);
  }

  @Test
  void garbageNamesTheType() {
    assertThatThrownBy(() -> Json.fromBytes("{nope".getBytes(), SiteInfo.class))
        .hasMessageContaining("SiteInfo");
  }
}
