package io.shoal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version comes from the pom through the build, never from a second copy in the code. */
class ShoalVersionTest {
  @Test
  void isThePomsVersionSplitIntoMajorAndMinor() {
    assertThat(ShoalVersion.VERSION).isEqualTo(System.getProperty("shoal.expected.version"));
    assertThat(ShoalVersion.VERSION).startsWith(ShoalVersion.MAJOR + "." + ShoalVersion.MINOR + ".");
  }
}
