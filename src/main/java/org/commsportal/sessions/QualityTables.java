package org.commsportal.sessions;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.commsportal.common.UtcDateTime;

/**
 * Maps each quality record type to its {@code qoe_*} table. Columns are the record's component names in snake
 * case, so the insert statements follow the records instead of being written out ten times; a
 * {@link Modality} component is stored as its id in {@code <name>_id}. Public so that reports read the tables
 * with the same mapping.
 */
public final class QualityTables {

    private static final Map<Class<? extends Record>, String> TABLES = Map.of(
            Quality.SessionInfo.class, "qoe_session",
            Quality.MediaLine.class, "qoe_media_line",
            Quality.AudioStream.class, "qoe_audio_stream",
            Quality.AudioClientEvents.class, "qoe_audio_client_event",
            Quality.AudioSignal.class, "qoe_audio_signal",
            Quality.AppSharingStream.class, "qoe_app_sharing_stream",
            Quality.VideoClientEvents.class, "qoe_video_client_event",
            Quality.VideoStream.class, "qoe_video_stream",
            Quality.TracerouteHop.class, "qoe_traceroute",
            Quality.Feedback.class, "qoe_feedback");

    private QualityTables() {}

    /** Every quality table. */
    static java.util.Collection<String> tables() {
        return TABLES.values();
    }

    public static String table(Class<? extends Record> type) {
        String table = TABLES.get(type);
        if (table == null) {
            throw new IllegalArgumentException("No quality table for " + type.getName());
        }
        return table;
    }

    static String insertSql(Class<? extends Record> type) {
        List<String> columns = new ArrayList<>(List.of("session_id", "session_start", "tenant_id"));
        for (RecordComponent component : type.getRecordComponents()) {
            columns.add(column(component));
        }
        return "INSERT INTO " + table(type) + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Each record type's components, looked up once: {@link Class#getRecordComponents} builds new objects on every
     * call, which showed as a tenth of a millisecond per quality record on the ingest path.
     */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                component.getAccessor().setAccessible(true);
            }
            return components;
        }
    };

    /** The statement parameters for one record, after its session's id and start time and the tenant id. */
    static Object[] parameters(long sessionId, java.time.Instant sessionStart, long tenantId, Record record) {
        RecordComponent[] components = COMPONENTS.get(record.getClass());
        Object[] values = new Object[components.length + 3];
        values[0] = sessionId;
        values[1] = UtcDateTime.toColumn(sessionStart);
        values[2] = tenantId;
        for (int i = 0; i < components.length; i++) {
            values[i + 3] = columnValue(components[i], record);
        }
        return values;
    }

    public static String column(RecordComponent component) {
        String snake = snakeCase(component.getName());
        return component.getType() == Modality.class ? snake + "_id" : snake;
    }

    public static String snakeCase(String camelCase) {
        StringBuilder out = new StringBuilder();
        for (char c : camelCase.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Object columnValue(RecordComponent component, Record record) {
        try {
            Object value = component.getAccessor().invoke(record);
            if (value instanceof Modality type) {
                return type.id();
            }
            if (value instanceof Enum<?> constant) {
                return constant.name();
            }
            return value;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component + " of " + record, e);
        }
    }
}
