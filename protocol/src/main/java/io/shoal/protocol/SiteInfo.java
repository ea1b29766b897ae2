package io.shoal.protocol;

import java.util.List;

/**
 * The answer to the {@link SiteActions#SITE_INFO} action: everything the coordinator needs to
 * plan against a site without reading its data.
 *
 * @param name the site's unique name, which is its schema name at the coordinator (e.g. {@code eu})
 * @param region the jurisdiction label (e.g. {@code eu-west-1})
 * @param shoalVersion the version of the site server
 * @param tables the tables the site serves to this caller
 * @param policy the site's export policy as it applies to this caller, or null when unrestricted
 */
public record SiteInfo(
    String name, String region, String shoalVersion, List<TableInfo> tables, PolicySummary policy) {}
