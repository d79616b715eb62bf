package org.commsportal.pstn;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.commsportal.common.ReportPeriod;

/** The charts' data of a period: one entry per UTC day, zeros included, and when it was read. */
public record PstnUsageReport(
        ReportPeriod period, LocalDate reportDate, Instant generatedAt, List<PstnUsageDay> days) {}
