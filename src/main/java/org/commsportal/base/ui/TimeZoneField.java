package org.commsportal.base.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** A type-ahead choice of IANA time zones, shown as e.g. "Europe/Berlin (UTC+01:00)" with today's offset. */
public final class TimeZoneField {

    /** The zone stored for "UTC" (the region id, not {@link ZoneOffset#UTC}, so that stored values compare equal). */
    public static final ZoneId UTC = ZoneId.of("UTC");

    private static final List<ZoneId> ZONES = Stream.concat(
                    Stream.of(UTC),
                    ZoneId.getAvailableZoneIds().stream()
                            .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
                            .sorted()
                            .map(ZoneId::of))
            .toList();

    private TimeZoneField() {}

    public static ComboBox<ZoneId> create(String label) {
        var field = new ComboBox<ZoneId>(label);
        field.setItems(ZONES);
        field.setItemLabelGenerator(TimeZoneField::label);
        field.setWidth("24em");
        field.setRequiredIndicatorVisible(true);
        return field;
    }

    /** The offered zone with this id (UTC or an IANA region id), if the field offers it. */
    public static java.util.Optional<ZoneId> offered(String id) {
        return ZONES.stream().filter(zone -> zone.getId().equals(id)).findFirst();
    }

    static String label(ZoneId zone) {
        if (zone.equals(UTC)) {
            return "UTC";
        }
        var offset = zone.getRules().getOffset(java.time.Instant.now());
        return zone.getId() + " (UTC" + (offset.equals(ZoneOffset.UTC) ? "" : offset.getId()) + ", "
                + zone.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + ")";
    }
}
