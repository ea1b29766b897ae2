/**
 * The DuckDB behind a {@link io.shoal.site.Site}: the site's database and its locked-down
 * configuration ({@link io.shoal.site.duck.DuckSite}), fragments on pooled connections with their
 * shared {@code FragmentServices}, the Arrow stream of a run, the memory cache, and the one mapping
 * of DuckDB's errors to what a caller may read ({@link io.shoal.site.duck.DuckErrors},
 * {@link io.shoal.site.duck.ErrorText}).
 */
package io.shoal.site.duck;
