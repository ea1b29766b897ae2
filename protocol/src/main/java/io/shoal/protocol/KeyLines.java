package io.shoal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line of every key in a YAML text, by path. Jackson loses locations when it buffers tokens for
 * records, but keeps the path of a bad key; this index turns that path back into a line.
 */
final class KeyLines {
  private final Map<String, Integer> lines;

  private KeyLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  static KeyLines of(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          lines.putIfAbsent(
              p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      // a syntax error: keep what was indexed before it
    }
    return new KeyLines(lines);
  }

  /** The line of the key at a JSON pointer such as {@code /policy/min-group-size}, or -1. */
  int lineOfPointer(String pointer) {
    Integer line = lines.get(pointer);
    return line == null ? -1 : line;
  }

  /** The line of the deepest key on the path that the index knows, or -1. */
  int lineOf(List<JsonMappingException.Reference> path) {
    for (int n = path.size(); n > 0; n--) {
      StringBuilder pointer = new StringBuilder();
      for (var r : path.subList(0, n)) {
        pointer.append('/').append(r.getFieldName() != null ? r.getFieldName().replace("~", "~0").replace("/", "~1") : r.getIndex());
      }
      Integer line = lines.get(pointer.toString());
      if (line != null) return line;
    }
    return -1;
  }
}
