package org.commsportal.rws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The service document (AtomPub or JSON) and the {@code $metadata} document (EDMX 1.0, CSDL 2.0). */
final class ServiceDocuments {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private ServiceDocuments() {}

    /** AtomPub: one workspace with a collection per entity set. */
    static byte[] atomService(String serviceRoot) {
        return xml(xml -> {
            xml.writeStartElement("", "service", ODataNames.APP);
            xml.writeAttribute("xml", ODataNames.XML, "base", serviceRoot + "/");
            xml.writeDefaultNamespace(ODataNames.APP);
            xml.writeNamespace("atom", ODataNames.ATOM);
            xml.writeStartElement(ODataNames.APP, "workspace");
            title(xml, "Default");
            for (EntitySet set : EntitySet.ALL) {
                xml.writeStartElement(ODataNames.APP, "collection");
                xml.writeAttribute("href", set.name());
                title(xml, set.name());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** Verbose JSON: {@code {"d":{"EntitySets":["CsActiveUserDaily", ...]}}}. */
    static byte[] jsonService() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("d");
            json.writeArrayFieldStart("EntitySets");
            for (EntitySet set : EntitySet.ALL) {
                json.writeString(set.name());
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The entity types keyed by Date with their properties, and the default container with every set. */
    static byte[] metadata() {
        return xml(xml -> {
            xml.writeStartElement("edmx", "Edmx", ODataNames.EDMX);
            xml.writeAttribute("Version", "1.0");
            xml.writeNamespace("edmx", ODataNames.EDMX);
            xml.writeStartElement("edmx", "DataServices", ODataNames.EDMX);
            xml.writeNamespace("m", ODataNames.METADATA);
            xml.writeAttribute("m", ODataNames.METADATA, "DataServiceVersion", "2.0");
            xml.writeStartElement("", "Schema", ODataNames.EDM);
            xml.writeDefaultNamespace(ODataNames.EDM);
            xml.writeAttribute("Namespace", ODataNames.SCHEMA_NAMESPACE);
            for (ReportKind kind : ReportKind.values()) {
                xml.writeStartElement(ODataNames.EDM, "EntityType");
                xml.writeAttribute("Name", kind.entityType());
                xml.writeStartElement(ODataNames.EDM, "Key");
                xml.writeEmptyElement(ODataNames.EDM, "PropertyRef");
                xml.writeAttribute("Name", ReportField.DATE.propertyName());
                xml.writeEndElement();
                for (ReportField field : kind.fields()) {
                    xml.writeEmptyElement(ODataNames.EDM, "Property");
                    xml.writeAttribute("Name", field.propertyName());
                    xml.writeAttribute("Type", field.type().edmName());
                    xml.writeAttribute("Nullable", field == ReportField.TENANT_NAME ? "true" : "false");
                }
                xml.writeEndElement(); // EntityType
            }
            xml.writeStartElement(ODataNames.EDM, "EntityContainer");
            xml.writeAttribute("Name", ODataNames.ENTITY_CONTAINER);
            xml.writeAttribute("m", ODataNames.METADATA, "IsDefaultEntityContainer", "true");
            for (EntitySet set : EntitySet.ALL) {
                xml.writeEmptyElement(ODataNames.EDM, "EntitySet");
                xml.writeAttribute("Name", set.name());
                xml.writeAttribute("EntityType", set.kind().qualifiedEntityType());
            }
            xml.writeEndElement(); // EntityContainer
            xml.writeEndElement(); // Schema
            xml.writeEndElement(); // DataServices
            xml.writeEndElement(); // Edmx
        });
    }

    private static void title(XMLStreamWriter xml, String title) throws XMLStreamException {
        xml.writeStartElement(ODataNames.ATOM, "title");
        xml.writeCharacters(title);
        xml.writeEndElement();
    }

    interface XmlBody {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    static byte[] xml(XmlBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.writeBytes(ODataNames.XML_DECLARATION);
            XMLStreamWriter xml = XML.createXMLStreamWriter(out, "utf-8");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing an XML document to memory failed", e);
        }
        return out.toByteArray();
    }
}
