package org.commsportal.reliability;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commsportal.common.Place;
import org.commsportal.common.ReportPeriod;
import org.commsportal.common.SubnetLocations;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.privacy.NameMask;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.sessions.Modality;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reliability and Rate My Call pages of the signed-in tenant (docs/reliability.md): every figure from the read
 * models' day rows (the top failures from their session rows), for the roles that see charts; the comments for the
 * roles that read per-user data, names concealed per viewer.
 */
@Service
public class ReliabilityService {

    /** The most response codes the top failures can be narrowed to. */
    public static final int MAX_CODES = 5;

    /** The modalities the reliability page counts separately. */
    public static final List<Modality> MODALITIES =
            List.of(Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING);

    private final ReliabilityReadRepository repository;
    private final SubnetLocations locations;
    private final CurrentTenant currentTenant;
    private final NameConcealment concealment;
    private final Clock clock;

    ReliabilityService(
            ReliabilityReadRepository repository,
            SubnetLocations locations,
            CurrentTenant currentTenant,
            NameConcealment concealment,
            Clock clock) {
        this.repository = repository;
        this.locations = locations;
        this.currentTenant = currentTenant;
        this.concealment = concealment;
        this.clock = clock;
    }

    /** A top failure: its key, what it means, its sessions, users impacted, first and last seen, sessions per day. */
    public record TopFailure(
            FailureClassification.Outcome outcome,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            String reason,
            long sessions,
            long usersImpacted,
            Instant firstSeen,
            Instant lastSeen,
            List<Long> perDay) {}

    /** The Rate My Call figures: trend, totals, splits and problem tokens (audio, video, other). */
    public record FeedbackReport(
            ReliabilityFilter filter,
            Map<LocalDate, FeedbackCounts> trend,
            FeedbackCounts total,
            Map<ReliabilitySplit, List<FeedbackSplitRow>> splits,
            Map<ProblemTokens.Group, List<Map.Entry<String, Long>>> tokens) {}

    public record FeedbackSplitRow(String value, String label, FeedbackCounts counts) {}

    /** A comment as the viewer may see it. */
    public record Comment(Instant sessionStart, String user, String side, int rating, String tokens, String text) {}

    /**
     * Whether the signed-in tenant's reliability and Rate My Call figures are still being built in the background
     * from the sessions stored before they existed (docs/reliability.md, "Upgrading a database with sessions"): until
     * then they count only part of those sessions, and the pages say so.
     */
    @PreAuthorize(Roles.READ_CHARTS)
    public boolean stillBuilding() {
        return repository.stillBuilding(currentTenant.id());
    }

    /** The last complete UTC day: the default range ends there. */
    public LocalDate reportDate() {
        return ReportPeriod.reportDate(clock);
    }

    /**
     * The signed-in tenant's sessions of a modality (null: every session) that started in [from, to), per value of
     * the split (none: one value ''). For scheduled jobs (threshold alerts, gauges) that run as the tenant without
     * roles; no page shows it (docs/alerts-and-webhooks.md).
     */
    @Transactional(readOnly = true)
    public Map<String, ReliabilityCounts> window(
            Instant from, Instant to, @Nullable Modality modality, @Nullable ReliabilitySplit split) {
        Map<String, ReliabilityCounts> counts = new TreeMap<>();
        repository
                .window(currentTenant.id(), modality == null ? 0 : modality.id(), from, to, split)
                .forEach(row -> counts.put(row.value(), row.counts()));
        return counts;
    }

    /** The same for Rate My Call ratings, per value of the split (none: one value ''). */
    @Transactional(readOnly = true)
    public Map<String, FeedbackCounts> feedbackWindow(Instant from, Instant to, @Nullable ReliabilitySplit split) {
        Map<String, FeedbackCounts> counts = new TreeMap<>();
        repository
                .feedbackWindow(currentTenant.id(), from, to, split)
                .forEach(row -> counts.put(row.value(), row.counts()));
        return counts;
    }

    /** The region, city and building choices: the building file that applies on the day (docs/locations.md). */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<Place> places(LocalDate day) {
        return locations.buildings(currentTenant.id(), day);
    }

    /** Whether the signed-in roles may see per-user data: the comments and the drill-through to sessions. */
    public boolean mayReadPerUserData() {
        return SignedInRoles.mayReadPerUserData();
    }

    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public ReliabilityReport report(ReliabilityFilter filter) {
        long tenantId = currentTenant.id();
        Map<LocalDate, ReliabilityCounts> trend = new TreeMap<>();
        ReliabilityCounts total = ReliabilityCounts.empty();
        Map<Modality, ReliabilityCounts> byModality = new EnumMap<>(Modality.class);
        Map<YearMonth, ReliabilityCounts[]> months = new TreeMap<>();
        int filtered = filter.modalityCode();
        for (var row : filter.place().any() ? placeDays(tenantId, filter) : repository.days(tenantId, filter)) {
            if (row.modality() == filtered) {
                var month = months.computeIfAbsent(YearMonth.from(row.day()), m ->
                        new ReliabilityCounts[] {ReliabilityCounts.empty(), ReliabilityCounts.empty()});
                if (row.kind() == 0) {
                    month[0] = month[0].plus(row.counts());
                } else if (row.kind() == ReliabilitySplit.INSIDE.kind()
                        && row.value().equals("1")) {
                    month[1] = month[1].plus(row.counts());
                }
            }
            if (row.kind() != filter.kind() || !row.value().equalsIgnoreCase(filter.value())) {
                continue; // a scorecard row only
            }
            if (row.modality() == filtered) {
                LocalDate point = filter.monthly() ? row.day().withDayOfMonth(1) : row.day();
                trend.merge(point, row.counts(), ReliabilityCounts::plus);
                total = total.plus(row.counts());
            }
            if (row.modality() != 0) {
                byModality.merge(Modality.ofId(row.modality()), row.counts(), ReliabilityCounts::plus);
            }
        }
        Map<ReliabilitySplit, List<ReliabilityReport.SplitRow>> splits = new EnumMap<>(ReliabilitySplit.class);
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            List<ReliabilityReport.SplitRow> rows = new ArrayList<>();
            var values = filter.place().any()
                    ? repository.placeValues(tenantId, filter, split)
                    : repository.values(tenantId, filter, split);
            for (var value : values) {
                rows.add(new ReliabilityReport.SplitRow(value.value(), split.label(value.value()), value.counts()));
            }
            rows.sort(Comparator.comparing(
                            (ReliabilityReport.SplitRow row) -> row.counts().attempts())
                    .reversed()
                    .thenComparing(ReliabilityReport.SplitRow::value));
            splits.put(split, rows);
        }
        List<ReliabilityReport.ScoreMonth> scorecard = new ArrayList<>();
        months.forEach((month, counts) -> scorecard.add(new ReliabilityReport.ScoreMonth(month, counts[0], counts[1])));
        return new ReliabilityReport(filter, trend, total, byModality, splits, scorecard);
    }

    /**
     * The day rows of a place as {@link ReliabilityReadRepository#days} gives them without one (docs/locations.md):
     * every session of the place (kind 0) from the day rows of its subnets (kind 6), those inside the corporate
     * network (kind 3, '1') and those of the filter's split value from the per-subnet day rows of changeset 056, or
     * from the day rows of kind 6 for a subnet.
     */
    private List<ReliabilityReadRepository.DayCounts> placeDays(long tenantId, ReliabilityFilter filter) {
        List<ReliabilityReadRepository.DayCounts> rows =
                new ArrayList<>(repository.placeDays(tenantId, filter, 0, "", null));
        boolean insideChosen = filter.split() == ReliabilitySplit.INSIDE && "1".equals(filter.splitValue());
        rows.addAll(repository.placeSplitDays(tenantId, filter, ReliabilitySplit.INSIDE, "1"));
        if (filter.split() == ReliabilitySplit.SUBNET) {
            rows.addAll(repository.placeDays(
                    tenantId, filter, ReliabilitySplit.SUBNET.kind(), filter.value(), filter.value()));
        } else if (filter.split() != null && !insideChosen) {
            rows.addAll(repository.placeSplitDays(tenantId, filter, filter.split(), filter.value()));
        }
        return rows;
    }

    /** The failures with the most sessions, optionally of at most five response codes. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<TopFailure> topFailures(ReliabilityFilter filter, Collection<Integer> responseCodes, int limit) {
        if (responseCodes.size() > MAX_CODES) {
            throw new IllegalArgumentException(
                    "At most " + MAX_CODES + " response codes can be chosen; " + responseCodes.size() + " were");
        }
        long tenantId = currentTenant.id();
        int days = (int) (filter.to().toEpochDay() - filter.from().toEpochDay() + 1);
        Map<String, FailureSum> sums = new LinkedHashMap<>();
        for (var day : repository.failureDays(tenantId, filter, responseCodes)) {
            sums.computeIfAbsent(
                            key(day.outcome(), day.responseCode(), day.diagnosticId()),
                            k -> new FailureSum(day.outcome(), day.responseCode(), day.diagnosticId(), new long[days]))
                    .add(day, (int) (day.day().toEpochDay() - filter.from().toEpochDay()));
        }
        Map<String, Long> users = new HashMap<>();
        for (var row : repository.failureUsers(tenantId, filter, responseCodes)) {
            users.put(key(row.outcome(), row.responseCode(), row.diagnosticId()), row.users());
        }
        return sums.values().stream()
                .sorted(Comparator.comparingLong(FailureSum::sessions)
                        .reversed()
                        .thenComparingInt(FailureSum::outcome)
                        .thenComparing(FailureSum::responseCode, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(FailureSum::diagnosticId, Comparator.nullsFirst(Comparator.naturalOrder())))
                .limit(limit)
                .map(sum -> {
                    // the reason text of the failure's latest session, else what its code means
                    @Nullable
                    String header = repository.failureReason(
                            tenantId, filter, sum.outcome, sum.responseCode, sum.diagnosticId, sum.lastSeen);
                    String meaning = FailureClassification.meaning(sum.responseCode, sum.diagnosticId);
                    String reason = header != null && !header.isBlank() ? header : meaning == null ? "" : meaning;
                    return new TopFailure(
                            FailureClassification.Outcome.ofCode(sum.outcome),
                            sum.responseCode,
                            sum.diagnosticId,
                            reason,
                            sum.sessions,
                            users.getOrDefault(key(sum.outcome, sum.responseCode, sum.diagnosticId), 0L),
                            sum.firstSeen,
                            sum.lastSeen,
                            java.util.Arrays.stream(sum.perDay).boxed().toList());
                })
                .toList();
    }

    /** A failure key's days summed over the range. */
    private static final class FailureSum {
        private final int outcome;
        private final @Nullable Integer responseCode;
        private final @Nullable Integer diagnosticId;
        private final long[] perDay;
        private long sessions;
        private Instant firstSeen = Instant.MAX;
        private Instant lastSeen = Instant.MIN;

        FailureSum(int outcome, @Nullable Integer responseCode, @Nullable Integer diagnosticId, long[] perDay) {
            this.outcome = outcome;
            this.responseCode = responseCode;
            this.diagnosticId = diagnosticId;
            this.perDay = perDay;
        }

        void add(ReliabilityReadRepository.FailureDay day, int index) {
            perDay[index] += day.sessions();
            sessions += day.sessions();
            firstSeen = day.firstSeen().isBefore(firstSeen) ? day.firstSeen() : firstSeen;
            lastSeen = day.lastSeen().isAfter(lastSeen) ? day.lastSeen() : lastSeen;
        }

        int outcome() {
            return outcome;
        }

        @Nullable
        Integer responseCode() {
            return responseCode;
        }

        @Nullable
        Integer diagnosticId() {
            return diagnosticId;
        }

        long sessions() {
            return sessions;
        }
    }

    private static String key(int outcome, @Nullable Integer responseCode, @Nullable Integer diagnosticId) {
        return outcome + "/" + responseCode + "/" + diagnosticId;
    }

    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public FeedbackReport feedback(ReliabilityFilter filter) {
        long tenantId = currentTenant.id();
        Map<LocalDate, FeedbackCounts> trend = new TreeMap<>();
        FeedbackCounts total = FeedbackCounts.empty();
        for (var day : repository.feedbackDays(tenantId, filter)) {
            LocalDate point = filter.monthly() ? day.day().withDayOfMonth(1) : day.day();
            trend.merge(point, day.counts(), FeedbackCounts::plus);
            total = total.plus(day.counts());
        }
        Map<ReliabilitySplit, List<FeedbackSplitRow>> splits = new EnumMap<>(ReliabilitySplit.class);
        var values = repository.feedbackValues(tenantId, filter);
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            List<FeedbackSplitRow> rows = new ArrayList<>();
            for (var value : values.get(split)) {
                rows.add(new FeedbackSplitRow(value.value(), split.label(value.value()), value.counts()));
            }
            rows.sort(
                    Comparator.comparing((FeedbackSplitRow row) -> row.counts().rated())
                            .reversed()
                            .thenComparing(FeedbackSplitRow::value));
            splits.put(split, rows);
        }
        Map<ProblemTokens.Group, List<Map.Entry<String, Long>>> tokens = new EnumMap<>(ProblemTokens.Group.class);
        for (ProblemTokens.Group group : ProblemTokens.Group.values()) {
            tokens.put(group, new ArrayList<>());
        }
        for (var token : repository.tokens(tenantId, filter)) {
            tokens.get(ProblemTokens.group(token.getKey())).add(token);
        }
        return new FeedbackReport(filter, trend, total, splits, tokens);
    }

    /** The ratings with a comment, newest first, names as the viewer may see them. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<Comment> comments(ReliabilityFilter filter, int offset, int limit) {
        NameMask mask = concealment.forCurrentViewer();
        return repository.comments(currentTenant.id(), filter, offset, limit).stream()
                .map(c -> new Comment(
                        c.sessionStart(),
                        c.upn() == null ? "(not a licensed user)" : mask.concealed() ? c.pseudonym() : c.upn(),
                        c.side().equals("FROM") ? "Caller" : "Callee",
                        c.rating(),
                        c.tokens() == null ? "" : c.tokens(),
                        c.text()))
                .toList();
    }

    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public long commentCount(ReliabilityFilter filter) {
        return repository.commentCount(currentTenant.id(), filter);
    }
}
