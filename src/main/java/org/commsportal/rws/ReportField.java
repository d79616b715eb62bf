package org.commsportal.rws;

import java.util.Optional;

/**
 * The five properties of {@code TenantReporting.CsActiveUserReport}, in the vendor's documented order, with the
 * column of the row selection's derived table that holds each. Column names come from here only, never from a request.
 */
enum ReportField {
    ACTIVE_USERS("ActiveUsers", EdmType.INT64, "r.active_users"),
    DATE("Date", EdmType.DATE_TIME, "r.period_end"),
    ID("ID", EdmType.INT64, "r.id"),
    TENANT_GUID("TenantGuid", EdmType.GUID, "t.tenant_guid"),
    TENANT_NAME("TenantName", EdmType.STRING, "t.tenant_name");

    /** The vendor's own Atom example selects {@code ActiveUsersCount}; it names {@link #ACTIVE_USERS}. */
    static final String ACTIVE_USERS_ALIAS = "ActiveUsersCount";

    private final String propertyName;
    private final EdmType type;
    private final String column;

    ReportField(String propertyName, EdmType type, String column) {
        this.propertyName = propertyName;
        this.type = type;
        this.column = column;
    }

    /** The property name in $metadata, the feeds and the query options (case-sensitive, as in OData). */
    String propertyName() {
        return propertyName;
    }

    EdmType type() {
        return type;
    }

    String column() {
        return column;
    }

    static Optional<ReportField> byName(String name) {
        if (name.equals(ACTIVE_USERS_ALIAS)) {
            return Optional.of(ACTIVE_USERS);
        }
        for (ReportField field : values()) {
            if (field.propertyName.equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** "ActiveUsers, Date, ID, TenantGuid, TenantName", for error messages. */
    static String names() {
        StringBuilder names = new StringBuilder();
        for (ReportField field : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(field.propertyName);
        }
        return names.toString();
    }
}
