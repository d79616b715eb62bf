package org.commsportal.rws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * OData v2 error bodies: {@code <m:error><m:code/><m:message xml:lang="en-US"/></m:error>}, or
 * {@code {"error":{"code":...,"message":{"lang":"en-US","value":...}}}} in JSON.
 */
final class ODataErrors {

    private static final JsonFactory JSON = new JsonFactory();

    private ODataErrors() {}

    static byte[] body(ODataFormat format, String code, String message) {
        return format == ODataFormat.JSON ? json(code, message) : xml(code, message);
    }

    private static byte[] xml(String code, String message) {
        return ServiceDocuments.xml(xml -> {
            xml.writeStartElement("m", "error", ODataNames.METADATA);
            xml.writeNamespace("m", ODataNames.METADATA);
            xml.writeStartElement("m", "code", ODataNames.METADATA);
            xml.writeCharacters(code);
            xml.writeEndElement();
            xml.writeStartElement("m", "message", ODataNames.METADATA);
            xml.writeAttribute("xml", ODataNames.XML, "lang", "en-US");
            xml.writeCharacters(message);
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    private static byte[] json(String code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeObjectFieldStart("message");
            json.writeStringField("lang", "en-US");
            json.writeStringField("value", message);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
