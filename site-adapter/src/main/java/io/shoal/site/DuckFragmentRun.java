package io.shoal.site;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;

/** One execution: DuckDB's Arrow stream over a streaming result set. */
final class DuckFragmentRun implements FragmentRun {
  private final PreparedStatement statement;
  private final ResultSet resultSet;
  private final ArrowReader reader;
  private final Map<String, Long> snapshots;

  DuckFragmentRun(PreparedStatement statement, ResultSet resultSet, ArrowReader reader, Map<String, Long> snapshots) {
    this.statement = statement;
    this.resultSet = resultSet;
    this.reader = reader;
    this.snapshots = Map.copyOf(snapshots);
  }

  @Override
  public ArrowReader reader() {
    return reader;
  }

  @Override
  public void cancel() {
    try {
      statement.cancel();
    } catch (Exception ignored) {
      // cancelling a finished statement is a no-op
    }
  }

  @Override
  public Map<String, Long> snapshots() {
    return snapshots;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (Exception ignored) {
      // the stream may already be closed by the consumer
    }
    try {
      resultSet.close();
    } catch (Exception ignored) {
      // same
    }
  }
}
