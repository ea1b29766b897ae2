package io.shoal.site.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's record of what left it: one JSON line per fragment, appended to {@code audit.jsonl} in
 * the data folder. Each line is written with a single append and forced to disk, so a crash can at
 * worst cut the last line short; on open, a cut line is closed with a newline so it cannot swallow
 * the next one, and readers skip lines that do not parse.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  public static final String FILE = "audit.jsonl";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

  private final Path path;
  private final FileChannel channel;

  private AuditLog(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  public static AuditLog open(Path dataDir) throws IOException {
    Path path = dataDir.resolve(FILE);
    FileChannel ch =
        FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    long size = ch.size();
    if (size > 0) {
      ByteBuffer last = ByteBuffer.allocate(1);
      try (FileChannel read = FileChannel.open(path, StandardOpenOption.READ)) {
        read.read(last, size - 1);
      }
      if (last.get(0) != '\n') {
        LOG.warn("audit log {} ends with a cut line (a crash while writing?); closing it", path);
        ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
      }
    }
    return new AuditLog(path, ch);
  }

  public Path path() {
    return path;
  }

  /** Appends one line; a failure to audit is logged loudly but does not fail the query already sent. */
  public synchronized void append(AuditRecord record) {
    try {
      byte[] line = (MAPPER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) channel.write(buf);
      channel.force(false);
    } catch (IOException e) {
      LOG.error("cannot write audit log {}: {}", path, e.getMessage());
    }
  }

  /** Every complete line, oldest first; lines that do not parse (a cut last line) are skipped. */
  public static List<AuditRecord> read(Path dataDir) {
    Path path = dataDir.resolve(FILE);
    List<AuditRecord> out = new ArrayList<>();
    if (!Files.exists(path)) return out;
    try {
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        try {
          out.add(MAPPER.readValue(line, AuditRecord.class));
        } catch (IOException skipped) {
          // a line cut by a crash
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing at shutdown
    }
  }
}
