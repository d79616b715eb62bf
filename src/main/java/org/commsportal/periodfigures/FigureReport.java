package org.commsportal.periodfigures;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Every retained period of one length in one zone, oldest first. */
public record FigureReport(
        UUID tenantGuid, String tenantName, FigureSet set, FigurePeriod period, ZoneId zone, List<FigureRow> rows) {}
