package io.shoal.planner.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-column readers give exactly what the value-by-value conversion gives, nulls included. */
class ArrowRowsTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  @Test
  void fastReadersAgreeWithTheGenericConversion() {
    try (BigIntVector big = new BigIntVector("big", allocator);
        IntVector ints = new IntVector("int", allocator);
        Float8Vector dbl = new Float8Vector("dbl", allocator);
        VarCharVector str = new VarCharVector("str", allocator);
        DecimalVector dec = new DecimalVector("dec", allocator, 38, 4);
        DateDayVector day = new DateDayVector("day", allocator);
        SmallIntVector small = new SmallIntVector("small", allocator)) {
      big.allocateNew(3);
      big.set(0, Long.MIN_VALUE);
      big.setNull(1);
      big.set(2, 42);
      ints.allocateNew(3);
      ints.set(0, -7);
      ints.setNull(1);
      ints.set(2, Integer.MAX_VALUE);
      dbl.allocateNew(3);
      dbl.set(0, -0.0);
      dbl.setNull(1);
      dbl.set(2, Double.NaN);
      str.allocateNew(3);
      str.setSafe(0, "Zürich 東京 €".getBytes(StandardCharsets.UTF_8));
      str.setNull(1);
      str.setSafe(2, new byte[0]);
      dec.allocateNew(3);
      dec.set(0, new BigDecimal("12345.6789"));
      dec.setNull(1);
      dec.set(2, new BigDecimal("-0.0001"));
      day.allocateNew(3);
      day.set(0, -1);
      day.setNull(1);
      day.set(2, 20000);
      small.allocateNew(3); // no fast reader: the generic path
      small.set(0, 5);
      small.setNull(1);
      small.set(2, -5);
      List<FieldVector> vectors = List.of(big, ints, dbl, str, dec, day, small);
      vectors.forEach(v -> v.setValueCount(3));
      String[] types = {"BIGINT", "INTEGER", "DOUBLE", "VARCHAR", "DECIMAL:2", "DATE", "SMALLINT"};

      for (int c = 0; c < types.length; c++) {
        ArrowRows.Column col = ArrowRows.column(vectors.get(c), types[c]);
        for (int i = 0; i < 3; i++) {
          assertThat(col.get(i)).as(types[c] + " row " + i).isEqualTo(ArrowRows.value(vectors.get(c), i, types[c]));
        }
      }
      try (VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
        root.setRowCount(3);
        List<Object> rows = new ArrayList<>(ArrowRows.convert(root, types, false));
        assertThat(rows).hasSize(3);
        assertThat(Arrays.asList((Object[]) rows.get(0))).containsExactly(
            Long.MIN_VALUE, -7, -0.0, "Zürich 東京 €", new BigDecimal("12345.68"), -1, (short) 5);
        assertThat(Arrays.asList((Object[]) rows.get(1))).containsOnlyNulls();
        assertThat(Arrays.asList((Object[]) rows.get(2))).containsExactly(
            42L, Integer.MAX_VALUE, Double.NaN, "", new BigDecimal("0.00"), 20000, (short) -5);
        root.clear();
      }
    }
    // A HUGEINT sum arrives as DECIMAL(38, 0) and is planned as BIGINT: the generic path converts it.
    try (DecimalVector huge = new DecimalVector("huge", allocator, 38, 0)) {
      huge.allocateNew(1);
      huge.set(0, new BigDecimal("9000000000"));
      huge.setValueCount(1);
      assertThat(ArrowRows.column(huge, "BIGINT").get(0)).isEqualTo(9_000_000_000L);
    }
  }
}
