package io.shoal.tck.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A site's audit log read from its file, as the operator would. */
final class AuditLines {
  private AuditLines() {}

  static List<JsonNode> read(Path dataDir) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(dataDir.resolve("audit.jsonl"))) {
      if (!line.isBlank()) out.add(Json.mapper().readTree(line));
    }
    return out;
  }
}
