package org.commsportal.rws;

import java.util.Optional;

/** The six comparison operators of OData v2 and the SQL operator of each. */
enum ComparisonOperator {
    EQ("eq", "="),
    NE("ne", "<>"),
    GT("gt", ">"),
    GE("ge", ">="),
    LT("lt", "<"),
    LE("le", "<=");

    private final String odataName;
    private final String sql;

    ComparisonOperator(String odataName, String sql) {
        this.odataName = odataName;
        this.sql = sql;
    }

    String odataName() {
        return odataName;
    }

    String sql() {
        return sql;
    }

    /** The operator with its operands swapped: {@code 5 lt ActiveUsers} is {@code ActiveUsers gt 5}. */
    ComparisonOperator swapped() {
        return switch (this) {
            case EQ, NE -> this;
            case GT -> LT;
            case GE -> LE;
            case LT -> GT;
            case LE -> GE;
        };
    }

    static Optional<ComparisonOperator> byName(String name) {
        for (ComparisonOperator operator : values()) {
            if (operator.odataName.equals(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}
