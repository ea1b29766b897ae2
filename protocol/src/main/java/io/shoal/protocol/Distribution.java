package io.shoal.protocol;

/** How a table's rows are spread over sites. */
public enum Distribution {
  /** Each row lives at exactly one site; the global table is the union over sites. */
  PARTITIONED,
  /** Every site holds the same rows (a dimension); the global table reads one site only. */
  REPLICATED
}
