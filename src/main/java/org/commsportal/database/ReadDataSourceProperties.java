package org.commsportal.database;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An optional read replica of the external database for report reads ({@code portal.read-datasource.*}). User
 * name and password default to the primary's, since replication copies the portal's account to the replica.
 */
@ConfigurationProperties("portal.read-datasource")
public record ReadDataSourceProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password) {}
