package io.shoal.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Strict reading of Shoal's YAML files (site and coordinator configs): unknown keys, wrong types
 * and trailing content are errors, reported as one line {@code file:line: what, where}.
 */
public final class YamlFiles {

  /** A file that cannot be used; the message is one line that names the file and line. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  private YamlFiles() {}

  /** The file mapped onto {@code type}; null when the file is empty. */
  public static <T> T read(Path file, Class<T> type) throws Invalid {
    String where = file.toString();
    String text = "";
    try {
      text = Files.readString(file);
      return YAML.readValue(text, type);
    } catch (NoSuchFileException e) {
      throw new Invalid(where + ": no such file");
    } catch (JsonProcessingException e) {
      throw new Invalid(describe(where, text, e));
    } catch (IOException e) {
      throw new Invalid(where + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * {@code file:line} of the key at {@code dottedPath} (e.g. {@code policy.min-group-size}), or just
   * {@code file} when the key is not in the file: for values that are checked after reading.
   */
  public static String where(Path file, String dottedPath) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return file.toString();
    }
    StringBuilder pointer = new StringBuilder();
    for (String step : dottedPath.split("\\.")) pointer.append('/').append(step);
    int line = KeyLines.of(text).lineOfPointer(pointer.toString());
    return file + (line > 0 ? ":" + line : "");
  }

  /** Turns Jackson's multi-line message into {@code file:line: what, where}. */
  private static String describe(String where, String text, JsonProcessingException e) {
    int line = -1;
    // Jackson loses locations when it buffers tokens for records, but keeps the path of the key.
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      line = KeyLines.of(text).lineOf(m.getPath());
    }
    JsonLocation loc = e.getLocation();
    if (line <= 0 && loc != null) line = loc.getLineNr();
    String at = where + (line > 0 ? ":" + line : "");
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds() == null
              ? ""
              : " (known: "
                  + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                  + ")";
      String parent = path(u, 1);
      return at + ": unknown key '" + u.getPropertyName() + "'"
          + (parent.isEmpty() ? "" : " under " + parent) + known;
    }
    if (e instanceof InvalidFormatException f) {
      return at + ": '" + f.getValue() + "' is not a valid value for " + path(f, 0)
          + " (expected " + expected(f.getTargetType()) + ")";
    }
    if (e instanceof MismatchedInputException m) {
      return at + ": wrong type for " + (path(m, 0).isEmpty() ? "the document" : path(m, 0))
          + " (expected " + expected(m.getTargetType()) + ")";
    }
    String msg = e.getOriginalMessage();
    return at + ": " + (msg == null ? "invalid YAML" : msg.lines().findFirst().orElse(msg));
  }

  /** {@code tables.orders.keys} or {@code sites[0].uri}, leaving out the last {@code dropLast} steps. */
  private static String path(JsonMappingException e, int dropLast) {
    var refs = e.getPath();
    StringBuilder sb = new StringBuilder();
    for (var r : refs.subList(0, Math.max(0, refs.size() - dropLast))) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) return "another type";
    if (type.isEnum()) {
      return "one of "
          + java.util.Arrays.stream(type.getEnumConstants())
              .map(c -> c.toString().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) return "a mapping of keys";
    if (java.util.List.class.isAssignableFrom(type)) return "a list";
    if (type == Integer.class || type == int.class) return "an integer";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
  }
}
