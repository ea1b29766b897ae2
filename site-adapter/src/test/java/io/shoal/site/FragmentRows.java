package io.shoal.site;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The rows a fragment's run streams, read to the end, for tests that call the site API directly. */
public final class FragmentRows {
  private FragmentRows() {}

  /** Every row of {@code run}, each cell as Arrow's {@code getObject} gives it. */
  public static List<List<Object>> read(FragmentRun run) throws IOException {
    return read(run, value -> value);
  }

  /** Every row of {@code run}, each non-null cell passed through {@code cell} (nulls stay null). */
  public static List<List<Object>> read(FragmentRun run, Function<Object, Object> cell) throws IOException {
    List<List<Object>> out = new ArrayList<>();
    while (run.reader().loadNextBatch()) {
      VectorSchemaRoot root = run.reader().getVectorSchemaRoot();
      for (int i = 0; i < root.getRowCount(); i++) {
        List<Object> row = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
          Object value = v.getObject(i);
          row.add(value == null ? null : cell.apply(value));
        }
        out.add(row);
      }
    }
    return out;
  }
}
