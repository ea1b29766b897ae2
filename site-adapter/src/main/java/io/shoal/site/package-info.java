/**
 * A site as its server sees it: {@link io.shoal.site.Site} (prepare, run, info, audit, limits),
 * {@link io.shoal.site.FragmentRun}, {@link io.shoal.site.SiteException} and its kinds,
 * {@link io.shoal.site.SiteErrors}, and {@link io.shoal.site.Sites}, which opens one from its
 * YAML. Nothing here names DuckDB: the engine behind it is {@code io.shoal.site.duck}.
 */
package io.shoal.site;
