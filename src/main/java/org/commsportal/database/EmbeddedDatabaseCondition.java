package org.commsportal.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when no external database is configured ({@code spring.datasource.url} unset): the portal then runs
 * its embedded MariaDB, and only then may it create demo tenants and accounts with well-known passwords.
 */
public class EmbeddedDatabaseCondition implements Condition {

    public static final String EXTERNAL_URL_PROPERTY = "spring.datasource.url";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = context.getEnvironment().getProperty(EXTERNAL_URL_PROPERTY);
        return url == null || url.isBlank();
    }
}
