package org.commsportal.savedviews;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInAccount;
import org.commsportal.security.SignedInRoles;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves, lists and deletes the signed-in account's views of the usage reports (docs/pages.md, "Saved views"). Any
 * account that may open the usage reports may save its own views; a shared view is listed to the tenant's other
 * accounts with what their roles allow: a viewer who sees charts only gets the period and nothing of the table.
 */
@Service
public class SavedViews {

    /**
     * A report's link parameters (docs/pages.md#links): every one it writes, those a viewer who sees charts only may
     * get, and those that cannot hold a name someone typed.
     */
    private record Parameters(Set<String> all, Set<String> charts, Set<String> withoutNames) {

        /** A page of aggregate figures alone: every parameter concerns the charts and none holds a name. */
        static Parameters aggregate(String... names) {
            Set<String> all = Set.of(names);
            return new Parameters(all, all, all);
        }
    }

    private static final Parameters USAGE_REPORT = new Parameters(
            Set.of("period", "day", "user", "sort", "order", "columns"),
            Set.of("period"),
            Set.of("period", "day", "sort", "order", "columns"));

    /** The usage report's parameters and the PSTN page's direction and country filters. */
    private static final Parameters PSTN_USAGE = new Parameters(
            Set.of("period", "day", "user", "sort", "order", "columns", "direction", "country"),
            Set.of("period"),
            Set.of("period", "day", "sort", "order", "columns", "direction", "country"));

    private static final String[] QUALITY_FILTERS = {
        "range", "from", "to", "modality", "conference", "connection", "inside", "vpn", "subnet", "client"
    };

    /** Session details: its search form or a drill-through, grouping and columns; per-user data only. */
    private static final Parameters SESSION_DETAILS = sessionDetails();

    /** Users blocked: the day, the user and block action filters, sort and columns; a chart viewer gets the day. */
    private static final Parameters USERS_BLOCKED = new Parameters(
            Set.of("day", "user", "action", "sort", "order", "columns"),
            Set.of("day"),
            Set.of("day", "action", "sort", "order", "columns"));

    private static final Map<String, Parameters> PAGES = Map.ofEntries(
            Map.entry("usage/session-details", SESSION_DETAILS),
            Map.entry("usage/peer-to-peer-activity", USAGE_REPORT),
            Map.entry("usage/activity", USAGE_REPORT),
            Map.entry("usage/conference-organizer-activity", USAGE_REPORT),
            Map.entry("usage/conference-participant-activity", USAGE_REPORT),
            Map.entry("usage/device-usage", USAGE_REPORT),
            Map.entry("usage/active-users", Parameters.aggregate("period", "zone")),
            Map.entry("quality", Parameters.aggregate(withPlace(QUALITY_FILTERS))),
            Map.entry("quality/reliability", Parameters.aggregate(withPlace(withCodes()))),
            Map.entry("quality/feedback", Parameters.aggregate(withPlace(QUALITY_FILTERS))),
            Map.entry("quality/locations", Parameters.aggregate(withPath())),
            Map.entry("usage/pstn-usage", PSTN_USAGE),
            Map.entry("usage/users-blocked", USERS_BLOCKED),
            Map.entry(
                    "usage/pstn-minute-pools",
                    Parameters.aggregate("month", "capability", "sort", "order", "columns")));

    private static Parameters sessionDetails() {
        Set<String> all = new HashSet<>(Set.of(
                "user",
                "start",
                "end",
                "group",
                "columns",
                "zone",
                "verdict",
                "rule",
                "responseCode",
                "diagnosticId",
                "placeBy"));
        all.addAll(Set.of(withPlace(QUALITY_FILTERS)));
        all.remove("range");
        Set<String> withoutNames = new HashSet<>(all);
        withoutNames.remove("user");
        return new Parameters(Set.copyOf(all), Set.of(), Set.copyOf(withoutNames));
    }

    /** The report pages whose view lives in their address (base/ui PageAddress). */
    public static final Set<String> ROUTES = PAGES.keySet();

    static final int MAX_NAME_LENGTH = 80;
    static final int MAX_QUERY_LENGTH = 2000;
    static final int MAX_VIEWS_PER_ACCOUNT = 100;
    static final int MAX_LISTED = 200;

    private final SavedViewRepository views;
    private final CurrentTenant currentTenant;
    private final NameConcealment concealment;
    private final AuditLog audit;
    private final Clock clock;

    SavedViews(
            SavedViewRepository views,
            CurrentTenant currentTenant,
            NameConcealment concealment,
            AuditLog audit,
            Clock clock) {
        this.views = views;
        this.currentTenant = currentTenant;
        this.concealment = concealment;
        this.audit = audit;
        this.clock = clock;
    }

    /** Saves the view under a name of the account's own; a clear {@link SavedViewProblem} when it cannot. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional
    public void save(String route, String query, String name, boolean shared) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new SavedViewProblem("Give the view a name.");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new SavedViewProblem("A view's name has at most " + MAX_NAME_LENGTH + " characters.");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new SavedViewProblem("A view's name cannot hold control characters such as line breaks.");
        }
        if (!ROUTES.contains(route)) {
            throw new SavedViewProblem("Only the report pages' views can be saved.");
        }
        if (query.length() > MAX_QUERY_LENGTH
                || !parameterNames(query).stream().allMatch(PAGES.get(route).all()::contains)) {
            throw new SavedViewProblem("This view's address is not one the report writes; open the report again.");
        }
        long tenantId = currentTenant.id();
        long accountId = SignedInAccount.id();
        if (views.exists(tenantId, accountId, trimmed)) {
            throw new SavedViewProblem("You already have a view named \"" + trimmed + "\": choose another name.");
        }
        if (views.countOf(tenantId, accountId) >= MAX_VIEWS_PER_ACCOUNT) {
            throw new SavedViewProblem(
                    "You have " + MAX_VIEWS_PER_ACCOUNT + " saved views, the most an account keeps: delete one first.");
        }
        views.insert(tenantId, accountId, trimmed, route, query, shared, clock.instant());
        audit.recordChange(
                AuditAction.SAVED_VIEW_SAVED,
                "Saved the view \"" + trimmed + "\" of /" + route + (shared ? ", shared within the tenant" : ""));
    }

    /** {@link #save}, answering why not instead of throwing: for a form that shows the reason. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional
    public java.util.Optional<String> trySave(String route, String query, String name, boolean shared) {
        try {
            save(route, query, name, shared);
            return java.util.Optional.empty();
        } catch (SavedViewProblem problem) {
            return java.util.Optional.of(problem.getMessage());
        }
    }

    /**
     * The account's own views and the tenant's shared ones, newest first, as the account may open them: a viewer who
     * sees charts only gets their periods alone, and a viewer who sees pseudonyms never gets the user filter someone
     * else typed (it may hold a real name).
     */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<SavedView> visible() {
        long accountId = SignedInAccount.id();
        boolean perUser = SignedInRoles.mayReadPerUserData();
        boolean concealed = concealment.forCurrentViewer().concealed();
        return views.visibleTo(currentTenant.id(), accountId, MAX_LISTED).stream()
                .filter(row -> PAGES.containsKey(row.route()))
                .map(row -> new SavedView(
                        row.id(),
                        row.name(),
                        row.route(),
                        !perUser
                                ? only(row.query(), PAGES.get(row.route()).charts())
                                : concealed && row.accountId() != accountId
                                        ? only(
                                                row.query(),
                                                PAGES.get(row.route()).withoutNames())
                                        : row.query(),
                        row.shared(),
                        row.savedBy(),
                        row.accountId() == accountId,
                        row.savedAt()))
                .toList();
    }

    /** Deletes one of the account's own views; others' views are theirs to delete. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional
    public void delete(long id) {
        @Nullable String name = views.deleteOwn(currentTenant.id(), SignedInAccount.id(), id);
        if (name == null) {
            throw new SavedViewProblem("That view is not one of yours, or it was deleted already.");
        }
        audit.recordChange(AuditAction.SAVED_VIEW_DELETED, "Deleted the view \"" + name + "\"");
    }

    private static String[] withPath() {
        return new String[] {"range", "from", "to", "modality", "region", "city", "building"};
    }

    /** The region, city and building filters (docs/locations.md, "Filters on other pages"). */
    private static String[] withPlace(String[] names) {
        String[] with = Arrays.copyOf(names, names.length + 3);
        with[names.length] = "region";
        with[names.length + 1] = "city";
        with[names.length + 2] = "building";
        return with;
    }

    private static String[] withCodes() {
        String[] names = Arrays.copyOf(QUALITY_FILTERS, QUALITY_FILTERS.length + 1);
        names[QUALITY_FILTERS.length] = "codes";
        return names;
    }

    private static List<String> parameterNames(String query) {
        if (query.isEmpty()) {
            return List.of();
        }
        try {
            return Arrays.stream(query.split("&"))
                    .map(pair -> {
                        String[] nameAndValue = pair.split("=", 2);
                        if (nameAndValue.length == 2) {
                            URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8); // a malformed value throws
                        }
                        return URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8);
                    })
                    .toList();
        } catch (IllegalArgumentException malformed) {
            return List.of("?"); // no parameter of ours
        }
    }

    /** The query with the named parameters alone. */
    static String only(String query, Set<String> kept) {
        return Arrays.stream(query.split("&"))
                .filter(pair -> kept.contains(pair.split("=", 2)[0]))
                .collect(Collectors.joining("&"));
    }
}
