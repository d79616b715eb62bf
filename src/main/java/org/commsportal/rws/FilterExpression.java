package org.commsportal.rws;

/**
 * The syntax tree of a type-checked {@code $filter}. Every comparison has the field on its left (the parser swaps
 * {@code 5 lt ActiveUsers} into {@code ActiveUsers gt 5}) and a literal of the field's type on its right.
 */
sealed interface FilterExpression {

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {}

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {}

    record Not(FilterExpression operand) implements FilterExpression {}

    /** {@code field operator value}; value is an Int64, a DateTime, a Guid or a Text as the field's type demands. */
    record Comparison(ReportField field, ComparisonOperator operator, Literal value) implements FilterExpression {}
}
