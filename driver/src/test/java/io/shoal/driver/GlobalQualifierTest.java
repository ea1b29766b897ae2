package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobalQualifierTest {
  @Test
  void quotesOnlyTheQualifier() {
    assertThat(GlobalQualifier.rewrite("SELECT * FROM global.orders")).isEqualTo("SELECT * FROM \"global\".orders");
    assertThat(GlobalQualifier.rewrite("select Global . x from GLOBAL.t join global.u on global.t.a = 1"))
        .isEqualTo("select \"global\" . x from \"global\".t join \"global\".u on \"global\".t.a = 1");
    assertThat(GlobalQualifier.rewrite("SELECT 'global.x', \"global\".y, -- global.z\n globalx.a, x.global.b /* global.c */"))
        .isEqualTo("SELECT 'global.x', \"global\".y, -- global.z\n globalx.a, x.global.b /* global.c */");
    assertThat(GlobalQualifier.rewrite("SELECT 1")).isEqualTo("SELECT 1");
    assertThat(GlobalQualifier.rewrite("SELECT global FROM t")).isEqualTo("SELECT global FROM t");
  }
}
