package org.commsportal.rws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * OData v2 verbose JSON, as the vendor's example shows it:
 * {@code {"d":{"results":[{"__metadata":{...},"Date":"\/Date(1367712000000)\/","ActiveUsers":"5"}]}}}, with Int64
 * values as strings and dates as {@code \/Date(ms)\/} (the slashes escaped, as .NET writes them); one entry alone
 * is {@code {"d":{"__metadata":{...},...}}}.
 */
final class JsonFeedWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonFeedWriter() {}

    static byte[] write(
            String serviceRoot,
            EntitySet set,
            UUID tenantGuid,
            String tenantName,
            List<ReportRow> rows,
            List<ReportField> select) {
        return document(json -> {
            json.writeArrayFieldStart("results");
            for (ReportRow row : rows) {
                json.writeStartObject();
                entryContent(json, serviceRoot, set, tenantGuid, tenantName, row, select);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static byte[] writeEntry(
            String serviceRoot,
            EntitySet set,
            UUID tenantGuid,
            String tenantName,
            ReportRow row,
            List<ReportField> select) {
        return document(json -> entryContent(json, serviceRoot, set, tenantGuid, tenantName, row, select));
    }

    private static void entryContent(
            JsonGenerator json,
            String serviceRoot,
            EntitySet set,
            UUID tenantGuid,
            String tenantName,
            ReportRow row,
            List<ReportField> select)
            throws IOException {
        String uri = ODataNames.entryUri(serviceRoot, set, row.date());
        json.writeObjectFieldStart("__metadata");
        json.writeStringField("id", uri);
        json.writeStringField("uri", uri);
        json.writeStringField("type", set.kind().qualifiedEntityType());
        json.writeEndObject();
        for (ReportField field : select) {
            json.writeFieldName(field.propertyName());
            switch (field) {
                case DATE -> json.writeRawValue("\"\\/Date(" + ODataNames.jsonMillis(row.date()) + ")\\/\"");
                case ID -> json.writeString(String.valueOf(row.id()));
                case TENANT_GUID -> json.writeString(tenantGuid.toString());
                case TENANT_NAME -> json.writeString(tenantName);
                default -> json.writeString(String.valueOf(row.figure(field)));
            }
        }
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** {@code {"d":{ body }}}. */
    private static byte[] document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("d");
            body.write(json);
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
