package org.commsportal.rws;

/** The OData v2 primitive types of the report's properties. */
enum EdmType {
    INT64("Edm.Int64"),
    DATE_TIME("Edm.DateTime"),
    GUID("Edm.Guid"),
    STRING("Edm.String");

    private final String edmName;

    EdmType(String edmName) {
        this.edmName = edmName;
    }

    String edmName() {
        return edmName;
    }
}
