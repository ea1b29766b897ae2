package io.shoal.site.duck;

import io.shoal.site.SiteException;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * DuckDB's Arrow stream, counted: each batch's buffers are transferred (not copied) into this
 * reader's root, and the rows and Arrow buffer bytes that pass are what the audit log records.
 */
final class CountingReader extends ArrowReader {
  private final ArrowReader inner;
  private long rows;
  private boolean exhausted;
  private long bytes;
  private long batches;

  /** Why the site stopped the fragment (then a failed batch is reported as that), or null. */
  private final java.util.function.Supplier<SiteException> stopped;

  CountingReader(ArrowReader inner, BufferAllocator allocator, java.util.function.Supplier<SiteException> stopped) {
    super(allocator);
    this.inner = inner;
    this.stopped = stopped;
  }

  @Override
  protected Schema readSchema() throws IOException {
    return inner.getVectorSchemaRoot().getSchema();
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    boolean more;
    try {
      more = inner.loadNextBatch();
    } catch (IOException | RuntimeException e) {
      SiteException why = stopped.get();
      if (why != null) throw new IOException(why.getMessage(), why);
      throw e;
    }
    if (!more) {
      exhausted = true;
      return false;
    }
    VectorSchemaRoot src = inner.getVectorSchemaRoot();
    VectorSchemaRoot dst = getVectorSchemaRoot();
    for (int i = 0; i < src.getFieldVectors().size(); i++) {
      FieldVector from = src.getVector(i);
      from.makeTransferPair(dst.getVector(i)).transfer();
    }
    dst.setRowCount(src.getRowCount());
    rows += dst.getRowCount();
    batches++;
    for (FieldVector v : dst.getFieldVectors()) bytes += v.getBufferSize();
    return true;
  }

  long rows() {
    return rows;
  }

  /** Whether the stream was read to its end (not stopped early, failed or cancelled). */
  boolean exhausted() {
    return exhausted;
  }

  long bytes() {
    return bytes;
  }

  long batches() {
    return batches;
  }

  @Override
  public long bytesRead() {
    return bytes;
  }

  @Override
  protected void closeReadSource() throws IOException {
    inner.close();
  }
}
