package org.commsportal.database;

import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when an external database and a read replica of it are both configured. */
class ReadReplicaCondition extends EmbeddedDatabaseCondition {

    static final String READ_URL_PROPERTY = "portal.read-datasource.url";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String readUrl = context.getEnvironment().getProperty(READ_URL_PROPERTY);
        return !super.matches(context, metadata) && readUrl != null && !readUrl.isBlank();
    }
}
