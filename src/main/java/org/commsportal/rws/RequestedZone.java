package org.commsportal.rws;

import com.ibm.icu.util.TimeZone;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code X-timezone} request header: an IANA zone ({@code Europe/Berlin}) or a Windows zone name
 * ({@code Pacific Standard Time}, mapped by ICU's CLDR table for the world region "001"), either in any case; UTC
 * when absent.
 */
final class RequestedZone {

    static final String HEADER = "X-timezone";

    /** Region ids by lower case, so that {@code europe/berlin} finds {@code Europe/Berlin}. */
    private static final Map<String, String> REGION_IDS = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));

    /** Windows zone names by lower case, so that {@code pacific standard time} finds its zone too. */
    private static final Map<String, String> WINDOWS_IDS = java.util.Arrays.stream(TimeZone.getAvailableIDs())
            .map(TimeZone::getWindowsID)
            .filter(java.util.Objects::nonNull)
            .collect(Collectors.toMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));

    private RequestedZone() {}

    /** The zone of the header's values (none, or exactly one); anything else is a 400 naming the value. */
    static ZoneId of(List<String> values) {
        if (values.isEmpty()) {
            return ZoneOffset.UTC;
        }
        if (values.size() > 1) {
            throw ODataException.badRequest("The " + HEADER + " header is given " + values.size() + " times ('"
                    + Messages.quote(String.join("', '", values)) + "'); give one time zone.");
        }
        String value = values.get(0);
        String name = value.strip();
        if (name.isEmpty()) {
            throw ODataException.badRequest("The " + HEADER + " header is blank; give a time zone such as "
                    + "Europe/Berlin or Pacific Standard Time, or leave the header out for UTC.");
        }
        @Nullable String region = REGION_IDS.get(name.toLowerCase(Locale.ROOT));
        if (region == null) {
            @Nullable String windows = WINDOWS_IDS.get(name.toLowerCase(Locale.ROOT));
            region = windows == null ? null : TimeZone.getIDForWindowsID(windows, "001");
        }
        if (region != null) {
            try {
                return ZoneId.of(region);
            } catch (DateTimeException unknownToJava) {
                // falls through to the message below
            }
        }
        throw ODataException.badRequest("Unknown time zone '" + Messages.quote(value) + "' in the " + HEADER
                + " header; use an IANA name such as Europe/Berlin or a Windows name such as Pacific Standard Time.");
    }
}
