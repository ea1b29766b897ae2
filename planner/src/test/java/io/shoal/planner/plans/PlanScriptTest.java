package io.shoal.planner.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The golden files' format: regenerating a file changes its plans and nothing else. */
class PlanScriptTest {
  private static final String SAMPLE = """
      # a comment
      # c1: a case
      SELECT 1
      FROM nation;
      SiteToEnumerableConverter(site=[eu], sql=[SELECT 1 FROM "nation"])
        SiteTableScan(table=[[eu, nation]])
      !plan
      !fully-pushed

      SELECT 2;
      !plan
      """;

  @Test
  void casesAreNamedByTheirCommentAndKeepTheirText() {
    List<PlanScript.Case> cases = PlanScript.parse("sample", SAMPLE).cases();
    assertThat(cases).hasSize(2);
    assertThat(cases.get(0).name).isEqualTo("c1");
    assertThat(cases.get(0).sql).isEqualTo("SELECT 1\nFROM nation");
    assertThat(cases.get(0).plan).startsWith("SiteToEnumerableConverter(").endsWith("nation]])");
    assertThat(cases.get(0).assertions).containsExactly(PlanScript.FULLY_PUSHED);
    assertThat(cases.get(1).name).isEqualTo("line 10");
    assertThat(cases.get(1).plan).isEmpty();
  }

  @Test
  void renderingChangesOnlyThePlans() {
    PlanScript s = PlanScript.parse("sample", SAMPLE);
    assertThat(s.render()).isEqualTo(SAMPLE);
    s.cases().get(1).plan = "EnumerableValues(tuples=[[{ 2 }]])";
    assertThat(s.render()).isEqualTo(SAMPLE.replace("SELECT 2;\n",
        "SELECT 2;\nEnumerableValues(tuples=[[{ 2 }]])\n"));
  }

  @Test
  void theCheckedInFilesRenderAsTheyAre() throws IOException {
    for (String file : GoldenPlanTest.FILES) {
      try (InputStream in = getClass().getResourceAsStream("/plans/" + file)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(PlanScript.parse(file, text).render()).as(file).isEqualTo(text);
      }
    }
  }

  @Test
  void aQueryWithoutItsPlanLineIsAnError() {
    assertThatThrownBy(() -> PlanScript.parse("bad", "SELECT 1;\nSiteToEnumerableConverter()\n"))
        .hasMessageContaining("bad:1").hasMessageContaining("!plan");
  }
}
