package io.shoal.site.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code limits:} section of a site file as written: sizes and durations as text ({@code 1MiB},
 * {@code 30s}), turned into {@link io.shoal.site.limits.SiteLimits} by {@link SiteConfig}. Every
 * key is optional; the README ("Site configuration") gives the defaults.
 */
public record LimitsConfig(
    @JsonProperty("fragment-wall-time") String fragmentWallTime,
    @JsonProperty("memory") String memory,
    @JsonProperty("max-sql-size") String maxSqlSize,
    @JsonProperty("max-fragments") Integer maxFragments,
    @JsonProperty("max-fragments-per-principal") Integer maxFragmentsPerPrincipal,
    @JsonProperty("max-prepared-statements") Integer maxPreparedStatements,
    @JsonProperty("prepared-idle-timeout") String preparedIdleTimeout,
    @JsonProperty("stream-stall-timeout") String streamStallTimeout) {}
