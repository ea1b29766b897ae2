package io.shoal.site.config;

import io.shoal.protocol.YamlFiles;
import io.shoal.site.config.PolicyConfig.Export;
import io.shoal.site.config.PolicyConfig.TablePolicyConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks the settings of every {@code export: private} table when the site file loads: a private
 * table without a unit, an epsilon or a budget would have no guarantee to give, so the site does
 * not start (one line, with the file and line of the setting).
 */
final class PrivateTableCheck {
  private PrivateTableCheck() {}

  static void check(Path file, PolicyConfig policy, String path) throws ConfigException {
    for (Map.Entry<String, TablePolicyConfig> e : policy.tables().entrySet()) {
      TablePolicyConfig t = e.getValue();
      String at = path + ".tables." + e.getKey();
      if (t.export() != Export.PRIVATE) {
        for (String key : List.of("epsilon", "delta", "budget", "bounds", "max-groups-per-unit", "max-rows-per-unit")) {
          if (set(t, key)) throw fail(file, at + "." + key, at + "." + key + " applies only to export: private");
        }
        continue;
      }
      if (t.privacyUnit() == null || t.privacyUnit().isBlank()) {
        throw fail(file, at, at + " is export: private and needs privacy-unit (the column whose value is one person)");
      }
      if (t.epsilon() == null || t.epsilon().signum() <= 0) {
        throw fail(file, at + ".epsilon", at + ".epsilon must be a positive number (the privacy loss of one query)");
      }
      if (t.delta() != null && (t.delta().signum() <= 0 || t.delta().compareTo(BigDecimal.ONE) >= 0)) {
        throw fail(file, at + ".delta", at + ".delta must be between 0 and 1, got " + t.delta().toPlainString());
      }
      if (t.budget() == null || t.budget().epsilon() == null || t.budget().per() == null) {
        throw fail(file, at + ".budget", at + " is export: private and needs budget: { epsilon: E, per: day | week | month }");
      }
      if (t.budget().epsilon().compareTo(t.epsilon()) < 0) {
        throw fail(file, at + ".budget", at + ".budget.epsilon (" + t.budget().epsilon().toPlainString()
            + ") is smaller than one query's epsilon (" + t.epsilon().toPlainString() + "): no query could run");
      }
      if (t.maxGroupsPerUnit() != null && t.maxGroupsPerUnit() < 1) {
        throw fail(file, at + ".max-groups-per-unit", at + ".max-groups-per-unit must be at least 1");
      }
      if (t.maxRowsPerUnit() != null && t.maxRowsPerUnit() < 1) {
        throw fail(file, at + ".max-rows-per-unit", at + ".max-rows-per-unit must be at least 1");
      }
      for (Map.Entry<String, List<BigDecimal>> b : t.bounds().entrySet()) {
        List<BigDecimal> range = b.getValue();
        if (range == null || range.size() != 2 || range.get(0) == null || range.get(1) == null
            || range.get(0).compareTo(range.get(1)) > 0) {
          throw fail(file, at + ".bounds." + b.getKey(), at + ".bounds." + b.getKey() + " must be [lower, upper] with lower <= upper");
        }
      }
    }
    for (var p : policy.principals().entrySet()) check(file, p.getValue(), path + ".principals." + p.getKey());
  }

  private static boolean set(TablePolicyConfig t, String key) {
    return switch (key) {
      case "epsilon" -> t.epsilon() != null;
      case "delta" -> t.delta() != null;
      case "budget" -> t.budget() != null;
      case "bounds" -> !t.bounds().isEmpty();
      case "max-groups-per-unit" -> t.maxGroupsPerUnit() != null;
      default -> t.maxRowsPerUnit() != null;
    };
  }

  private static ConfigException fail(Path file, String path, String why) {
    return new ConfigException(YamlFiles.where(file, path) + ": " + why);
  }
}
