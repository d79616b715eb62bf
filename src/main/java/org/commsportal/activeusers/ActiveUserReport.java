package org.commsportal.activeusers;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Every retained period of one length in one zone, oldest first. */
public record ActiveUserReport(
        UUID tenantGuid, String tenantName, ActiveUserPeriod period, ZoneId zone, List<ActiveUserRow> rows) {}
