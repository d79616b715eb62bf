package org.commsportal.rws;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Namespaces, names and value spellings shared by the service's documents (OData v2, with standard http:// URIs). */
final class ODataNames {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String APP = "http://www.w3.org/2007/app";
    static final String DATA = "http://schemas.microsoft.com/ado/2007/08/dataservices";
    static final String METADATA = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
    static final String SCHEME = "http://schemas.microsoft.com/ado/2007/08/dataservices/scheme";
    static final String EDMX = "http://schemas.microsoft.com/ado/2007/06/edmx";
    static final String EDM = "http://schemas.microsoft.com/ado/2008/09/edm";
    static final String XML = "http://www.w3.org/XML/1998/namespace";

    /** Written by hand: the JDK's writer would quote the declaration's values with apostrophes. */
    static final byte[] XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>".getBytes(StandardCharsets.UTF_8);

    static final String SCHEMA_NAMESPACE = "TenantReporting";
    static final String ENTITY_CONTAINER = "TenantReportObjects";

    /** Edm.DateTime as Atom and keys write it: {@code 2013-05-14T00:00:00}, with a fraction only if there is one. */
    static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 7, true)
            .toFormatter(Locale.ROOT);
    /** Atom's updated: UTC to the second. */
    static final DateTimeFormatter UPDATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ODataNames() {}

    /** An entry's id and edit URI: {@code <root>/CsActiveUserWeekly(datetime'2013-05-05T00%3A00%3A00')}. */
    static String entryUri(String serviceRoot, EntitySet set, LocalDateTime date) {
        return serviceRoot + "/" + set.name() + "(datetime'"
                + URLEncoder.encode(DATE_TIME.format(date), StandardCharsets.UTF_8) + "')";
    }

    /** Verbose JSON's Edm.DateTime: the wall-clock time read as if it were UTC, in milliseconds. */
    static long jsonMillis(LocalDateTime date) {
        return date.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
