package io.shoal.planner.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code shoal.audit}: every site's audit log merged, read live with the {@code shoal.audit} action
 * at scan time. Columns are the site's audit record fields, named so that none is a reserved word
 * ({@code time}, {@code sql}, {@code rows} in the log become {@code logged_at}, {@code fragment_sql},
 * {@code rows_sent}); {@code tables} is the JSON object of tables read and their snapshot ids. A site that cannot be reached is left out (its name is in
 * {@code shoal.sites} with its status).
 */
public final class AuditTable extends AbstractTable implements ScannableTable {
  /** Site name to its JSON lines; throws when the site cannot be asked. */
  public interface Source {
    List<String> sites();

    List<String> lines(String site) throws Exception;
  }

  private final Source source;

  public AuditTable(Source source) {
    this.source = source;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataType varchar = f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true);
    RelDataType bigint = f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), true);
    return f.builder()
        .add("site", f.createSqlType(SqlTypeName.VARCHAR))
        .add("logged_at", f.createTypeWithNullability(f.createSqlType(SqlTypeName.TIMESTAMP, 3), true))
        .add("query_id", varchar)
        .add("principal", varchar)
        .add("fragment_sql", varchar)
        .add("fragment_sha256", varchar)
        .add("tables", varchar)
        .add("rows_sent", bigint)
        .add("bytes", bigint)
        .add("decision", varchar)
        .add("suppressed_groups", bigint)
        .add("status", varchar)
        .add("message", varchar)
        .add("rule", varchar)
        .add("millis", bigint)
        .add("store_bytes", bigint)
        .add("epsilon", f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true))
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (String site : source.sites()) {
      List<String> lines;
      try {
        lines = source.lines(site);
      } catch (Exception e) {
        continue; // down: shoal.sites says so
      }
      for (String line : lines) {
        Object[] row = parse(site, line);
        if (row != null) {
          rows.add(row);
        }
      }
    }
    return Linq4j.asEnumerable(rows);
  }

  static Object[] parse(String site, String line) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(line);
    } catch (IOException e) {
      return null;
    }
    Function<String, String> text = k -> n.hasNonNull(k) ? n.get(k).asText() : null;
    Function<String, Long> num = k -> n.hasNonNull(k) ? n.get(k).asLong() : null;
    Long time = null;
    if (n.hasNonNull("time")) {
      try {
        time = Instant.parse(n.get("time").asText()).toEpochMilli();
      } catch (DateTimeParseException ignored) {
        // left null: the other fields are still worth showing
      }
    }
    return new Object[] {
      n.hasNonNull("site") ? n.get("site").asText() : site,
      time,
      text.apply("query_id"),
      text.apply("principal"),
      text.apply("sql"),
      text.apply("sql_sha256"),
      n.hasNonNull("tables") ? n.get("tables").toString() : null,
      num.apply("rows"),
      num.apply("bytes"),
      text.apply("decision"),
      num.apply("suppressed_groups"),
      text.apply("status"),
      text.apply("message"),
      text.apply("rule"),
      num.apply("millis"),
      num.apply("store_bytes"),
      n.hasNonNull("epsilon") ? n.get("epsilon").asDouble() : null
    };
  }
}
