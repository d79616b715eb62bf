package org.commsportal.rws;

/** One key of {@code $orderby}. */
record OrderKey(ReportField field, boolean descending) {

    String sql() {
        return field.column() + (descending ? " DESC" : " ASC");
    }
}
