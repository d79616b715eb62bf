package org.commsportal.tenant;

import java.util.UUID;

public record Tenant(
        long id, UUID guid, String name, boolean displayConcealedNames, int retentionDays, String defaultTimeZone) {}
