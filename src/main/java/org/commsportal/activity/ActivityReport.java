package org.commsportal.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.commsportal.common.ReportPeriod;

/** The activity chart's data: one entry per day of the period, zero days included. */
public record ActivityReport(
        ReportPeriod period, LocalDate reportDate, Instant generatedAt, List<DailyActivity> days) {}
