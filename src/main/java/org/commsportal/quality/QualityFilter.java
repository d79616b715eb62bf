package org.commsportal.quality;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.commsportal.common.Place;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * What the page shows: UTC days [from, to] (7 days to 12 months), one modality or all, a stored value per split
 * the viewer fixed, and a place of the building file (docs/locations.md). Every part of the page and its export reads
 * the same filter.
 */
public record QualityFilter(
        LocalDate from, LocalDate to, @Nullable Modality modality, Map<QualitySplit, String> splits, Place place) {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 366;

    public QualityFilter {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The range ends before it starts: " + from + " to " + to);
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("The range is longer than 12 months: " + from + " to " + to);
        }
        if (modality != null && !QualityMetric.MODALITIES.contains(modality)) {
            throw new IllegalArgumentException(modality + " streams are not classified");
        }
        splits = Map.copyOf(splits);
    }

    /** Every place. */
    public QualityFilter(LocalDate from, LocalDate to, @Nullable Modality modality, Map<QualitySplit, String> splits) {
        this(from, to, modality, splits, Place.everywhere());
    }

    /** The last {@code days} days up to and including {@code last}, all modalities, no split fixed. */
    public static QualityFilter lastDays(LocalDate last, int days) {
        return new QualityFilter(last.minusDays(days - 1L), last, null, Map.of());
    }

    public QualityFilter withModality(@Nullable Modality chosen) {
        return new QualityFilter(from, to, chosen, splits, place);
    }

    public QualityFilter withSplit(QualitySplit split, @Nullable String value) {
        Map<QualitySplit, String> changed = new EnumMap<>(QualitySplit.class);
        changed.putAll(splits);
        if (value == null) {
            changed.remove(split);
        } else {
            changed.put(split, value);
        }
        return new QualityFilter(from, to, modality, changed, place);
    }

    public QualityFilter withRange(LocalDate first, LocalDate last) {
        return new QualityFilter(first, last, modality, splits, place);
    }

    public QualityFilter withPlace(Place chosen) {
        return new QualityFilter(from, to, modality, splits, chosen);
    }

    /**
     * The split fixed when exactly one few-valued split (not the subnet or the client) is fixed and no place: its
     * subnet split and worst users are then read from the rows kept per such value (changesets 049 and 050); null
     * otherwise.
     */
    @Nullable
    QualitySplit oneFewValuedSplit() {
        if (splits.size() != 1 || place.any()) {
            return null;
        }
        QualitySplit fixed = splits.keySet().iterator().next();
        return fixed.textual() ? null : fixed;
    }

    /** Whether the trend is drawn per month: ranges over 92 days. */
    public boolean monthly() {
        return ChronoUnit.DAYS.between(from, to) + 1 > 92;
    }
}
