package org.commsportal.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The requests of {@link ApiLoadBenchmarkIT}: a fixed catalogue of calls of the reporting web service
 * (docs/reporting-web-service.md) and the Graph-style reports API (docs/graph-api.md) as scripts and BI tools make
 * them, drawn at random by each client with the weights of their kinds, and how an answer is checked.
 */
final class ApiLoadMix {

    static final String RWS = "/ecp/reportingwebservice/reporting.svc/";
    static final String GRAPH = "/v1.0/reports/";

    /**
     * A kind of call, with its share of the calls a dashboard client makes (out of 100). The user detail is read by
     * clients with that job alone, as sync jobs do: walker clients follow every page of a JSON call (see {@link
     * #nextWalk}), exporter clients download whole CSVs one after another ({@link #nextExport}). In one mix for every
     * client, at 100,000 users a walk is 100 to 500 pages, so within a minute every client would be walking and
     * every 20th call would export every user: the run would measure 50 sync jobs at once and no dashboard.
     */
    enum Kind {
        RWS_DAILY("RWS daily feeds ($filter on dates)", 30),
        RWS_WEEKLY("RWS weekly feeds ($orderby, $top, $skip)", 20),
        RWS_MONTHLY("RWS monthly feeds (all, $select)", 15),
        GRAPH_COUNTS("Graph counts reports (D7-D180)", 35),
        GRAPH_DETAIL_JSON("Graph user detail JSON pages (walker clients)", 0),
        GRAPH_DETAIL_CSV("Graph user detail whole CSV (exporter clients)", 0);

        final String title;
        final int weight;

        Kind(String title, int weight) {
            this.title = title;
            this.weight = weight;
        }
    }

    /** What an answer's body must look like. */
    enum Body {
        ODATA_JSON,
        ATOM,
        GRAPH_JSON,
        CSV
    }

    /** An X-timezone header value (null: no header, UTC) and the zone it names. */
    record Zone(@Nullable String header, ZoneId id) {}

    /**
     * One call: GET of the encoded path and query, with the zone's X-timezone header. {@code report} names the data
     * it answers with (representations of the same data share it, so their row counts must agree); {@code rows} is
     * the exact row count when known, else -1; {@code perUser}: names in it depend on the caller's role.
     */
    record Call(Kind kind, String pathAndQuery, Zone zone, Body body, String report, int rows, boolean perUser) {}

    private static final Pattern ATOM_UPDATED = Pattern.compile("<updated>[^<]*</updated>");
    private static final Pattern NON_ZERO_FIGURE =
            Pattern.compile("(?:d:|\")(?:ActiveUsers|TotalP2PSessions)(?:\":\"|[^>]*>)[1-9]");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private static final List<String> FIGURE_SETS =
            List.of("CsActiveUser", "CsP2PSession", "CsConference", "CsP2PAVTime", "CsAVConferenceTime");
    private static final Map<String, String> FIRST_FIGURE = Map.of(
            "CsActiveUser", "ActiveUsers",
            "CsP2PSession", "TotalP2PSessions",
            "CsConference", "TotalConferences",
            "CsP2PAVTime", "TotalAudioMinutes",
            "CsAVConferenceTime", "AVConferenceMinutes");
    private static final List<String> COUNTS = List.of(
            "getSkypeForBusinessPeerToPeerActivityCounts",
            "getSkypeForBusinessPeerToPeerActivityUserCounts",
            "getSkypeForBusinessPeerToPeerActivityMinuteCounts",
            "getSkypeForBusinessActivityCounts",
            "getSkypeForBusinessActivityUserCounts",
            "getSkypeForBusinessOrganizerActivityCounts",
            "getSkypeForBusinessOrganizerActivityUserCounts",
            "getSkypeForBusinessOrganizerActivityMinuteCounts",
            "getSkypeForBusinessParticipantActivityCounts",
            "getSkypeForBusinessParticipantActivityUserCounts",
            "getSkypeForBusinessParticipantActivityMinuteCounts",
            "getSkypeForBusinessDeviceUsageUserCounts",
            "getSkypeForBusinessDeviceUsageDistributionUserCounts");
    private static final String USER_DETAIL = "getSkypeForBusinessActivityUserDetail";
    private static final String DEVICE_DETAIL = "getSkypeForBusinessDeviceUsageUserDetail";
    private static final List<String> PERIODS = List.of("D7", "D30", "D90", "D180");

    private final Map<Kind, List<Call>> byKind = new EnumMap<>(Kind.class);

    /**
     * The catalogue for a data set whose last day is {@code lastDay} with {@code users} users, in the given zones;
     * {@code today} gives the current day in a zone (daily feeds stop at the zone's last complete day).
     */
    ApiLoadMix(LocalDate lastDay, int users, List<Zone> zones, Function<ZoneId, LocalDate> today) {
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        int z = 0;
        for (String set : FIGURE_SETS) {
            for (int days : new int[] {7, 30}) {
                for (Body body : List.of(Body.ODATA_JSON, Body.ATOM)) {
                    Zone zone = zones.get(z++ % zones.size());
                    LocalDate first = lastDay.minusDays(days - 1L);
                    // Date is the midnight that ends a day; a short US date is the vendor's documented literal
                    String filter = z % 2 == 0
                            ? "Date gt datetime'%sT00:00:00' and Date le datetime'%sT00:00:00'"
                                    .formatted(first, lastDay.plusDays(1))
                            : "Date gt '%s' and Date le '%s'"
                                    .formatted(US_DATE.format(first), US_DATE.format(lastDay.plusDays(1)));
                    LocalDate lastComplete = today.apply(zone.id()).minusDays(1);
                    int rows = (int) Math.max(0, Math.min(days, lastComplete.toEpochDay() - first.toEpochDay() + 1));
                    add(rws(Kind.RWS_DAILY, set + "Daily", body, zone, rows, "$filter=" + filter));
                }
            }
            for (int skip : new int[] {0, 8}) {
                for (Body body : List.of(Body.ODATA_JSON, Body.ATOM)) {
                    add(rws(
                            Kind.RWS_WEEKLY,
                            set + "Weekly",
                            body,
                            zones.get(z++ % zones.size()),
                            8,
                            "$orderby=Date desc",
                            "$top=8",
                            "$skip=" + skip));
                }
            }
            Zone zone = zones.get(z++ % zones.size());
            add(rws(Kind.RWS_MONTHLY, set + "Monthly", Body.ATOM, zone, -1));
            add(rws(Kind.RWS_MONTHLY, set + "Monthly", Body.ODATA_JSON, zone, -1));
            add(rws(
                    Kind.RWS_MONTHLY,
                    set + "Monthly",
                    Body.ODATA_JSON,
                    zones.get(z++ % zones.size()),
                    -1,
                    "$select=Date," + FIRST_FIGURE.get(set)));
        }
        int f = 0;
        for (String function : COUNTS) {
            for (String period : PERIODS) {
                add(graph(Kind.GRAPH_COUNTS, function + "(period='" + period + "')", f++ % 2 == 0, null, false));
            }
        }
        // a page of a quarter of the users, so that every data set's walks have several pages, and the default page
        int quarter = Math.max(1, Math.min(1000, (users + 3) / 4));
        for (String period : PERIODS) {
            String call = USER_DETAIL + "(period='" + period + "')";
            add(graph(Kind.GRAPH_DETAIL_JSON, call, true, null, true));
            add(graph(Kind.GRAPH_DETAIL_JSON, call, true, quarter, true));
            add(graph(Kind.GRAPH_DETAIL_CSV, call, false, null, true));
        }
        String day = USER_DETAIL + "(date=" + lastDay.minusDays(3) + ")";
        add(graph(Kind.GRAPH_DETAIL_CSV, day, false, null, true));
        add(graph(Kind.GRAPH_DETAIL_JSON, day, true, quarter, true));
        for (String period : List.of("D7", "D180")) {
            String call = DEVICE_DETAIL + "(period='" + period + "')";
            add(graph(Kind.GRAPH_DETAIL_JSON, call, true, quarter, true));
            add(graph(Kind.GRAPH_DETAIL_CSV, call, false, null, true));
        }
    }

    private void add(Call call) {
        byKind.get(call.kind()).add(call);
    }

    /** Every call of the catalogue. */
    List<Call> all() {
        return byKind.values().stream().flatMap(List::stream).toList();
    }

    /** A call drawn with the kinds' weights, then uniformly within the kind. */
    Call next(Random random) {
        int pick = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            pick -= kind.weight;
            if (pick < 0) {
                List<Call> calls = byKind.get(kind);
                return calls.get(random.nextInt(calls.size()));
            }
        }
        throw new IllegalStateException("the kinds' weights add up to 100");
    }

    /** A user detail JSON call, uniformly among them: the next walk of a walker client. */
    Call nextWalk(Random random) {
        List<Call> calls = byKind.get(Kind.GRAPH_DETAIL_JSON);
        return calls.get(random.nextInt(calls.size()));
    }

    /** A whole user detail CSV, uniformly among them: the next call of an exporter client. */
    Call nextExport(Random random) {
        List<Call> calls = byKind.get(Kind.GRAPH_DETAIL_CSV);
        return calls.get(random.nextInt(calls.size()));
    }

    private static Call rws(Kind kind, String set, Body body, Zone zone, int rows, String... options) {
        List<String> query = new ArrayList<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            query.add(encode(option.substring(0, equals)) + "=" + encode(option.substring(equals + 1)));
        }
        // the Atom default is asked for by leaving $format out, JSON with $format=json as the vendor's scripts do
        String report = set + "?" + String.join("&", query) + " in " + zone.id();
        if (body == Body.ODATA_JSON) {
            query.add(encode("$format") + "=json");
        }
        return new Call(
                kind,
                RWS + set + (query.isEmpty() ? "" : "?" + String.join("&", query)),
                zone,
                body,
                report,
                rows,
                false);
    }

    private static Call graph(Kind kind, String function, boolean json, @Nullable Integer top, boolean perUser) {
        List<String> query = new ArrayList<>();
        if (json) {
            query.add(encode("$format") + "=" + encode("application/json"));
        }
        if (top != null) {
            query.add(encode("$top") + "=" + top);
        }
        return new Call(
                kind,
                GRAPH + function.replace("'", "%27") + (query.isEmpty() ? "" : "?" + String.join("&", query)),
                new Zone(null, ZoneId.of("UTC")),
                json ? Body.GRAPH_JSON : Body.CSV,
                function,
                -1,
                perUser);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The body as compared with the reference answer: Atom's {@code <updated>} times (of the moment) left out. */
    static String normalized(Body body, String text) {
        return body == Body.ATOM ? ATOM_UPDATED.matcher(text).replaceAll("") : text;
    }

    /** The rows of a well-formed answer, or -1 when it is not one. */
    static int rows(Body body, String text) {
        return switch (body) {
            case ODATA_JSON ->
                text.startsWith("{\"d\":{\"results\":[") && text.endsWith("]}}") ? count(text, "\"__metadata\"") : -1;
            case ATOM ->
                text.startsWith("<?xml") && text.contains("<feed") && text.endsWith("</feed>")
                        ? count(text, "<entry>")
                        : -1;
            case GRAPH_JSON ->
                text.startsWith("{\"value\":[") && text.endsWith("}") ? count(text, "\"reportRefreshDate\"") : -1;
            case CSV -> text.startsWith("\uFEFFReport Refresh Date,") ? count(text.stripTrailing(), "\n") : -1;
        };
    }

    /** Whether a daily feed of active users or peer-to-peer sessions shows activity on some day. */
    static boolean showsActivity(String text) {
        return NON_ZERO_FIGURE.matcher(text).find();
    }

    /** The {@code @odata.nextLink} of a Graph-style JSON page, or null on the last page. */
    static @Nullable String nextLink(String text) {
        String marker = "\"@odata.nextLink\":\"";
        int at = text.lastIndexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        return text.substring(start, text.indexOf('"', start)).replace("\\/", "/");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
