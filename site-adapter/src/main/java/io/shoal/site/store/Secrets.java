package io.shoal.site.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalog and storage properties whose values may reference secrets kept out of the YAML:
 * {@code ${env:NAME}} (an environment variable) or {@code ${file:path}} (a file's content, trimmed;
 * relative to the YAML's folder). References stay unresolved in {@code SiteConfig}, so no secret
 * is ever in a config object that is printed; they are resolved only to open a catalog or store.
 */
public final class Secrets {
  private Secrets() {}

  private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]+)}");
  /** Property names whose values are secrets: never logged, never in a message. */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(secret|password|token|credential|session|private).*");

  /** Whether a property's value must never be shown. */
  public static boolean isSecret(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  /** Every reference replaced by its value; an unset variable or unreadable file is an error naming the key. */
  public static Map<String, String> resolve(Map<String, String> props, Path base, Function<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    props.forEach((k, v) -> out.put(k, resolveValue(k, v, base, env)));
    return out;
  }

  public static Map<String, String> resolve(Map<String, String> props, Path base) {
    return resolve(props, base, System::getenv);
  }

  static String resolveValue(String key, String value, Path base, Function<String, String> env) {
    if (value == null) return null;
    Matcher m = REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      String name = m.group(2).strip();
      String resolved;
      if (kind.equals("env")) {
        resolved = env.apply(name);
        if (resolved == null) {
          throw new IllegalArgumentException(key + " names environment variable " + name + ", which is not set");
        }
      } else {
        Path file = base == null ? Path.of(name) : base.resolve(name);
        try {
          resolved = Files.readString(file).strip();
        } catch (IOException e) {
          throw new IllegalArgumentException(key + " names file " + file.getFileName() + ", which cannot be read");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Checks every reference resolves, without keeping the values (config load). */
  public static void check(Map<String, String> props, Path base) {
    resolve(props, base);
  }

  /** The properties with secret values replaced by {@code ****}, for logs. */
  public static Map<String, String> masked(Map<String, String> props) {
    Map<String, String> out = new LinkedHashMap<>();
    props.forEach((k, v) -> out.put(k, isSecret(k) || (v != null && REF.matcher(v).find()) ? "****" : v));
    return out;
  }

  /**
   * {@code text} with every secret value of {@code resolved} cut out: a last guard for messages
   * built from a library's exception text (which has been seen to echo request parameters).
   */
  public static String scrub(String text, Map<String, String> resolved) {
    if (text == null) return null;
    String out = text;
    for (var e : resolved.entrySet()) {
      String v = e.getValue();
      if (isSecret(e.getKey()) && v != null && v.length() >= 4) out = out.replace(v, "****");
    }
    return out;
  }
}
