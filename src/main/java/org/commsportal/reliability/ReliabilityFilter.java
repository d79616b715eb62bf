package org.commsportal.reliability;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.commsportal.common.Place;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * What the reliability and feedback pages show: UTC days [from, to] (at most 12 months), one modality or every
 * session (reliability only), at most one split value the viewer fixed, and a place of the building file
 * (docs/locations.md): on the feedback page, the ratings of the sessions the reliability page counts there.
 */
public record ReliabilityFilter(
        LocalDate from,
        LocalDate to,
        @Nullable Modality modality,
        @Nullable ReliabilitySplit split,
        @Nullable String splitValue,
        Place place) {

    public static final int MAX_DAYS = 366;

    public ReliabilityFilter {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The range ends before it starts: " + from + " to " + to);
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("The range is longer than 12 months: " + from + " to " + to);
        }
        if (modality != null && modalityCode(modality) == 0) {
            throw new IllegalArgumentException(modality.label() + " sessions are not counted for reliability");
        }
        if ((split == null) != (splitValue == null)) {
            throw new IllegalArgumentException("A split needs a value, and a value its split");
        }
    }

    /** Every place. */
    public ReliabilityFilter(
            LocalDate from,
            LocalDate to,
            @Nullable Modality modality,
            @Nullable ReliabilitySplit split,
            @Nullable String splitValue) {
        this(from, to, modality, split, splitValue, Place.everywhere());
    }

    public ReliabilityFilter withPlace(Place chosen) {
        return new ReliabilityFilter(from, to, modality, split, splitValue, chosen);
    }

    /** The last {@code days} days up to and including {@code last}, every session, no split fixed. */
    public static ReliabilityFilter lastDays(LocalDate last, int days) {
        return new ReliabilityFilter(last.minusDays(days - 1L), last, null, null, null);
    }

    public ReliabilityFilter withRange(LocalDate first, LocalDate last) {
        return new ReliabilityFilter(first, last, modality, split, splitValue, place);
    }

    public ReliabilityFilter withModality(@Nullable Modality chosen) {
        return new ReliabilityFilter(from, to, chosen, split, splitValue, place);
    }

    public ReliabilityFilter withSplit(@Nullable ReliabilitySplit chosen, @Nullable String value) {
        return chosen == null || value == null
                ? new ReliabilityFilter(from, to, modality, null, null, place)
                : new ReliabilityFilter(from, to, modality, chosen, value, place);
    }

    /** Whether the trend is drawn per month: ranges over 92 days. */
    public boolean monthly() {
        return ChronoUnit.DAYS.between(from, to) + 1 > 92;
    }

    /** The read model's modality code: 0 for every session, else the media type id of audio, video or sharing. */
    int modalityCode() {
        return modality == null ? 0 : modalityCode(modality);
    }

    private static int modalityCode(Modality modality) {
        return switch (modality) {
            case AUDIO, VIDEO, APPLICATION_SHARING -> modality.id();
            default -> 0;
        };
    }

    /** The day rows' kind and value this filter reads: kind 0 '' without a split. */
    int kind() {
        return split == null ? 0 : split.kind();
    }

    String value() {
        return splitValue == null ? "" : splitValue;
    }
}
