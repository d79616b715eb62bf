package org.commsportal.rws;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Atom as the vendor's example shows it: a feed with one entry per row (or one entry alone, addressed by its key),
 * each with its m:properties and their m:type.
 */
final class AtomFeedWriter {

    private AtomFeedWriter() {}

    static byte[] write(
            String serviceRoot,
            EntitySet set,
            UUID tenantGuid,
            String tenantName,
            List<ReportRow> rows,
            List<ReportField> select,
            Instant now) {
        String updated = ODataNames.UPDATED.format(now);
        return ServiceDocuments.xml(xml -> {
            root(xml, "feed", serviceRoot);
            text(xml, "id", serviceRoot + "/" + set.name());
            xml.writeStartElement(ODataNames.ATOM, "title");
            xml.writeAttribute("type", "text");
            xml.writeCharacters(set.name());
            xml.writeEndElement();
            text(xml, "updated", updated);
            xml.writeEmptyElement(ODataNames.ATOM, "link");
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("title", set.name());
            xml.writeAttribute("href", set.name());
            for (ReportRow row : rows) {
                xml.writeStartElement(ODataNames.ATOM, "entry");
                entryContent(xml, serviceRoot, set, tenantGuid, tenantName, row, select, updated);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** One entry as the whole document, as {@code GET .../CsActiveUserDaily(datetime'...')} answers. */
    static byte[] writeEntry(
            String serviceRoot,
            EntitySet set,
            UUID tenantGuid,
            String tenantName,
            ReportRow row,
            List<ReportField> select,
            Instant now) {
        return ServiceDocuments.xml(xml -> {
            root(xml, "entry", serviceRoot);
            entryContent(xml, serviceRoot, set, tenantGuid, tenantName, row, select, ODataNames.UPDATED.format(now));
            xml.writeEndElement();
        });
    }

    private static void root(XMLStreamWriter xml, String name, String serviceRoot) throws XMLStreamException {
        xml.writeStartElement("", name, ODataNames.ATOM);
        xml.writeAttribute("xml", ODataNames.XML, "base", serviceRoot + "/");
        xml.writeDefaultNamespace(ODataNames.ATOM);
        xml.writeNamespace("d", ODataNames.DATA);
        xml.writeNamespace("m", ODataNames.METADATA);
    }

    private static void entryContent(
            XMLStreamWriter xml,
            String serviceRoot,
            EntitySet set,
            UUID tenantGuid,
            String tenantName,
            ReportRow row,
            List<ReportField> select,
            String updated)
            throws XMLStreamException {
        text(xml, "id", ODataNames.entryUri(serviceRoot, set, row.date()));
        xml.writeEmptyElement(ODataNames.ATOM, "category");
        xml.writeAttribute("term", set.kind().qualifiedEntityType());
        xml.writeAttribute("scheme", ODataNames.SCHEME);
        xml.writeEmptyElement(ODataNames.ATOM, "title");
        text(xml, "updated", updated);
        xml.writeStartElement(ODataNames.ATOM, "author");
        xml.writeEmptyElement(ODataNames.ATOM, "name");
        xml.writeEndElement();
        xml.writeStartElement(ODataNames.ATOM, "content");
        xml.writeAttribute("type", "application/xml");
        xml.writeStartElement("m", "properties", ODataNames.METADATA);
        for (ReportField field : select) {
            xml.writeStartElement("d", field.propertyName(), ODataNames.DATA);
            if (field.type() != EdmType.STRING) {
                xml.writeAttribute(
                        "m", ODataNames.METADATA, "type", field.type().edmName());
            }
            xml.writeCharacters(
                    switch (field) {
                        case DATE -> ODataNames.DATE_TIME.format(row.date());
                        case ID -> String.valueOf(row.id());
                        case TENANT_GUID -> tenantGuid.toString();
                        case TENANT_NAME -> tenantName;
                        default -> String.valueOf(row.figure(field));
                    });
            xml.writeEndElement();
        }
        xml.writeEndElement(); // m:properties
        xml.writeEndElement(); // content
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(ODataNames.ATOM, name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
