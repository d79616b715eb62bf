package org.commsportal.rws;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commsportal.activeusers.ActiveUsersNotReadyException;
import org.commsportal.activeusers.UnsupportedZoneException;
import org.commsportal.periodfigures.ZoneNotReportableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /ecp/reportingwebservice/reporting.svc}: the service document, {@code $metadata}, the feeds of every
 * entity set (CsActiveUser* and its siblings) and their entries by key (the two path segments in any case, as the vendor's own URIs mix
 * them). Every check (options,
 * X-timezone, roles) runs and the whole answer is built before its first byte is written, so a refusal is always a
 * clean OData error with its status.
 */
@RestController
@RequestMapping(ReportingWebServiceController.ROOT)
class ReportingWebServiceController {

    static final String ROOT = "/ecp/{service:(?i)reportingwebservice}/{svc:(?i)reporting\\.svc}";

    /** An entity set's name and the key in parentheses after it. */
    private static final Pattern KEYED = Pattern.compile("([A-Za-z]+)\\((.*)\\)");

    private static final Logger log = LoggerFactory.getLogger(ReportingWebServiceController.class);
    /** Tomcat's request attribute for a query string it failed to parse (what its FailedRequestFilter reads). */
    private static final String PARAMETER_PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    private static final String DATA_SERVICE_VERSION = "DataServiceVersion";
    private static final String ATOM_FEED = "application/atom+xml;type=feed;charset=utf-8";
    private static final String ATOM_ENTRY = "application/atom+xml;type=entry;charset=utf-8";
    private static final String ATOM_SERVICE = "application/atomsvc+xml;charset=utf-8";
    private static final String XML = "application/xml;charset=utf-8";
    private static final String JSON = "application/json;charset=utf-8";

    private final ReportingWebService reports;
    private final Clock clock;

    ReportingWebServiceController(ReportingWebService reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping({"", "/"})
    void serviceDocument(
            @PathVariable String service,
            @PathVariable String svc,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        ODataFormat format = QueryOptions.formatOnly(parameters(request), request.getHeader("Accept"));
        reports.entitySets();
        if (format == ODataFormat.JSON) {
            write(response, HttpStatus.OK, JSON, ServiceDocuments.jsonService());
        } else {
            write(
                    response,
                    HttpStatus.OK,
                    ATOM_SERVICE,
                    ServiceDocuments.atomService(serviceRoot(request, service, svc)));
        }
    }

    @GetMapping("/$metadata")
    void metadata(HttpServletRequest request, HttpServletResponse response) throws IOException {
        QueryOptions.none(parameters(request), "$metadata");
        reports.entitySets();
        write(response, HttpStatus.OK, XML, ServiceDocuments.metadata());
    }

    @GetMapping({"/{segment}", "/{segment}/"})
    void feed(
            @PathVariable String service,
            @PathVariable String svc,
            @PathVariable String segment,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Matcher keyed = KEYED.matcher(segment);
        if (keyed.matches()) {
            entry(
                    entitySet(keyed.group(1)),
                    segment,
                    entryKey(keyed.group(1), keyed.group(2)),
                    serviceRoot(request, service, svc),
                    request,
                    response);
            return;
        }
        EntitySet set = entitySet(segment);
        QueryOptions options = QueryOptions.parse(parameters(request), request.getHeader("Accept"), set.kind());
        ZoneId zone = RequestedZone.of(Collections.list(request.getHeaders(RequestedZone.HEADER)));
        ReportingWebService.Feed feed = reports.feed(set, set.name(), zone, options);
        String root = serviceRoot(request, service, svc);
        if (options.format() == ODataFormat.JSON) {
            write(
                    response,
                    HttpStatus.OK,
                    JSON,
                    JsonFeedWriter.write(
                            root, set, feed.tenantGuid(), feed.tenantName(), feed.rows(), options.select()));
        } else {
            write(
                    response,
                    HttpStatus.OK,
                    ATOM_FEED,
                    AtomFeedWriter.write(
                            root,
                            set,
                            feed.tenantGuid(),
                            feed.tenantName(),
                            feed.rows(),
                            options.select(),
                            clock.instant()));
        }
    }

    /** One entry by its key, the URI in every entry's id: {@code CsActiveUserDaily(datetime'2013-05-14T00:00:00')}. */
    private void entry(
            EntitySet set,
            String segment,
            LocalDateTime key,
            String root,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        QueryOptions options =
                QueryOptions.parseEntry(parameters(request), request.getHeader("Accept"), key, set.kind());
        ZoneId zone = RequestedZone.of(Collections.list(request.getHeaders(RequestedZone.HEADER)));
        ReportingWebService.Feed feed = reports.feed(set, segment, zone, options);
        if (feed.rows().isEmpty()) {
            throw ODataException.notFound("Resource not found for the segment '" + Messages.quote(segment)
                    + "': " + set.name() + " has no period ending at " + ODataNames.DATE_TIME.format(key)
                    + " in " + zone.getId() + ".");
        }
        if (options.format() == ODataFormat.JSON) {
            write(
                    response,
                    HttpStatus.OK,
                    JSON,
                    JsonFeedWriter.writeEntry(
                            root,
                            set,
                            feed.tenantGuid(),
                            feed.tenantName(),
                            feed.rows().get(0),
                            options.select()));
        } else {
            write(
                    response,
                    HttpStatus.OK,
                    ATOM_ENTRY,
                    AtomFeedWriter.writeEntry(
                            root,
                            set,
                            feed.tenantGuid(),
                            feed.tenantName(),
                            feed.rows().get(0),
                            options.select(),
                            clock.instant()));
        }
    }

    /** The key of an entry: {@code datetime'2013-05-14T00:00:00'}, or {@code Date=datetime'...'}. */
    private static LocalDateTime entryKey(String entitySet, String key) {
        String literal = key.startsWith("Date=") ? key.substring("Date=".length()) : key;
        try {
            List<FilterToken> tokens = FilterLexer.lex(literal);
            if (tokens.size() == 2 && tokens.get(0).literal() instanceof Literal.DateTime dateTime) {
                return dateTime.value();
            }
        } catch (ODataException notALiteral) {
            // falls through to the message below
        }
        throw ODataException.badRequest("Invalid key '" + Messages.quote(key) + "' of " + entitySet + "; an entry's "
                + "key is its Date, e.g. " + entitySet + "(datetime'2013-05-14T00:00:00').");
    }

    /**
     * The query parameters; a query string the servlet container could not decode (a bad percent-encoding) is a
     * 400, where the container alone would drop the broken parameter silently.
     */
    private static java.util.Map<String, String[]> parameters(HttpServletRequest request) {
        java.util.Map<String, String[]> parameters = request.getParameterMap();
        if (request.getAttribute(PARAMETER_PARSE_FAILED) != null) {
            throw ODataException.badRequest(
                    "The query string '" + Messages.quote(String.valueOf(request.getQueryString()))
                            + "' is not valid: use UTF-8 and %XX escapes (%20 for a space).");
        }
        return parameters;
    }

    /**
     * Other paths under the service root: 404 for GET, 405 for any other method. One pattern only: a handler that
     * matched a request by more patterns would count as the more specific one and take GETs of the root.
     */
    @RequestMapping("/**")
    void elsewhere(HttpServletRequest request, HttpServletResponse response) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET");
            throw new ODataException(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "MethodNotAllowed",
                    "The method "
                            + Messages.quote(request.getMethod())
                            + " is not allowed: the reporting web service is read-only; "
                            + "use GET.");
        }
        throw ODataException.notFound("Resource not found for the path " + Messages.quote(request.getRequestURI())
                + "; the service has $metadata and the entity sets " + EntitySet.names() + ".");
    }

    private static EntitySet entitySet(String segment) {
        return EntitySet.byName(segment)
                .orElseThrow(
                        () -> ODataException.notFound("Resource not found for the segment '" + Messages.quote(segment)
                                + "'; the entity sets are " + EntitySet.names() + " (case-sensitive)."));
    }

    /** The service root as this request reached it (scheme and host as a trusted proxy forwarded them). */
    private static String serviceRoot(HttpServletRequest request, String service, String svc) {
        return ServletUriComponentsBuilder.fromContextPath(request)
                .path("/ecp/" + service + "/" + svc)
                .toUriString();
    }

    private static void write(HttpServletResponse response, HttpStatus status, String contentType, byte[] body)
            throws IOException {
        response.setStatus(status.value());
        response.setHeader(DATA_SERVICE_VERSION, "2.0");
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @ExceptionHandler(ODataException.class)
    void refused(ODataException refusal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        error(request, response, refusal.status(), refusal.code(), refusal.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    void denied(HttpServletRequest request, HttpServletResponse response) throws IOException {
        error(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "Your account's roles do not allow the reporting web service.");
    }

    @ExceptionHandler(UnsupportedZoneException.class)
    void unsupportedZone(UnsupportedZoneException refusal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        error(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "BadRequest",
                "The " + RequestedZone.HEADER + " header's " + "zone cannot be reported: " + refusal.getMessage());
    }

    @ExceptionHandler(ZoneNotReportableException.class)
    void zoneNotReportable(ZoneNotReportableException refusal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        error(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "BadRequest",
                "The " + RequestedZone.HEADER + " header's " + "zone cannot be reported: " + refusal.getMessage());
    }

    @ExceptionHandler(ActiveUsersNotReadyException.class)
    void notReady(ActiveUsersNotReadyException refusal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader("Retry-After", "120");
        error(request, response, HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable", refusal.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    void failed(RuntimeException failure, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (org.commsportal.database.DatabaseOutage.causedBy(failure)) {
            response.setHeader("Retry-After", org.commsportal.database.DatabaseOutage.RETRY_AFTER_SECONDS);
            error(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "ServiceUnavailable",
                    "The portal cannot reach its database; try again in a minute.");
            return;
        }
        log.error("Reporting web service request {} failed", request.getRequestURI(), failure);
        error(
                request,
                response,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "InternalError",
                "The report could not be produced; the portal's log has the details.");
    }

    private static void error(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String message)
            throws IOException {
        if (response.isCommitted()) {
            return; // cannot happen: answers are built in full before they are written
        }
        ODataFormat format =
                ODataFormat.forError(request.getParameter(QueryOptions.FORMAT), request.getHeader("Accept"));
        write(response, status, format == ODataFormat.JSON ? JSON : XML, ODataErrors.body(format, code, message));
    }
}
