package org.commsportal.rws;

import java.util.LinkedHashMap;
import java.util.Map;
import org.commsportal.rws.FilterExpression.And;
import org.commsportal.rws.FilterExpression.Comparison;
import org.commsportal.rws.FilterExpression.Not;
import org.commsportal.rws.FilterExpression.Or;

/**
 * A WHERE condition translated from a {@code $filter} tree: SQL text made only of {@link ReportField} columns,
 * operators, parentheses and named placeholders ({@code :f0}, {@code :f1}, ...), and the values bound to them.
 */
record SqlCondition(String sql, Map<String, Object> parameters) {

    /** No $filter: every row. */
    static final SqlCondition ALL = new SqlCondition("TRUE", Map.of());

    static SqlCondition of(FilterExpression filter) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder();
        append(filter, sql, parameters);
        return new SqlCondition(sql.toString(), Map.copyOf(parameters));
    }

    private static void append(FilterExpression expression, StringBuilder sql, Map<String, Object> parameters) {
        if (expression instanceof Or or) {
            binary(or.left(), " OR ", or.right(), sql, parameters);
        } else if (expression instanceof And and) {
            binary(and.left(), " AND ", and.right(), sql, parameters);
        } else if (expression instanceof Not not) {
            sql.append("NOT (");
            append(not.operand(), sql, parameters);
            sql.append(')');
        } else {
            Comparison comparison = (Comparison) expression;
            String name = "f" + parameters.size();
            parameters.put(name, comparison.value().sqlValue());
            sql.append(comparison.field().column())
                    .append(' ')
                    .append(comparison.operator().sql())
                    .append(" :")
                    .append(name);
        }
    }

    private static void binary(
            FilterExpression left,
            String operator,
            FilterExpression right,
            StringBuilder sql,
            Map<String, Object> parameters) {
        sql.append('(');
        append(left, sql, parameters);
        sql.append(operator);
        append(right, sql, parameters);
        sql.append(')');
    }
}
