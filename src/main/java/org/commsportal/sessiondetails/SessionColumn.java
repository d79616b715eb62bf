package org.commsportal.sessiondetails;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The result table's columns (docs/session-details.md) in their default order, with the vendor's headers. */
public enum SessionColumn {
    DIALOG_ID("Dialog ID", SessionRow::dialogId),
    MEDIA_TYPES("Media types description", SessionRow::mediaTypes),
    START_TIME("Start time", SessionRow::startTime),
    END_TIME("End time", SessionRow::endTime),
    FROM_URI("From URI", SessionRow::fromUri),
    TO_URI("To URI", SessionRow::toUri),
    FROM_CLIENT_VERSION("From client version", SessionRow::fromClientVersion),
    TO_CLIENT_VERSION("To client version", SessionRow::toClientVersion),
    CONFERENCE_URL("Conference URL", SessionRow::conferenceUrl),
    FROM_TEL("From Tel number", SessionRow::fromTel),
    TO_TEL("To Tel number", SessionRow::toTel),
    FROM_ENDPOINT_ID("From Endpoint Id", SessionRow::fromEndpointId),
    TO_ENDPOINT_ID("To Endpoint Id", SessionRow::toEndpointId),
    CONF_INSTANCE("Conf Instance", SessionRow::confInstance),
    ON_BEHALF_OF_URI("On Behalf Of URI", SessionRow::onBehalfOfUri),
    REFERRED_BY_URI("Referred By URI", SessionRow::referredByUri),
    RESPONSE_CODE("Response Code", SessionRow::responseCode),
    QUALITY(
            "Quality",
            row -> row.quality() == null
                    ? SessionColumn.NO_MEDIA_STREAMS
                    : row.quality().label());

    /** The Quality of a session without media streams (an instant message session, for one). */
    public static final String NO_MEDIA_STREAMS = "No media streams";

    private final String header;
    private final Function<SessionRow, @Nullable Object> value;

    SessionColumn(String header, Function<SessionRow, @Nullable Object> value) {
        this.header = header;
        this.value = value;
    }

    public String header() {
        return header;
    }

    /** The cell: a String, an Integer, an Instant (the two times) or null. */
    public @Nullable Object valueOf(SessionRow row) {
        return value.apply(row);
    }

    /** Instants make a group per millisecond, which groups nothing: the two time columns cannot be grouped. */
    public boolean groupable() {
        return this != START_TIME && this != END_TIME;
    }

    public boolean isTime() {
        return this == START_TIME || this == END_TIME;
    }

    /** The column's name in the repository's result rows (its lower-case constant name). */
    String alias() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
