package org.commsportal.rws;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.UUID;

/** A literal value of a {@code $filter}, as the lexer read it and, once type-checked, as it is bound to SQL. */
sealed interface Literal {

    /** The value handed to the database as a bound parameter (never written into the SQL text). */
    Object sqlValue();

    /** An Edm.Int64: {@code 42} or {@code 42L}. */
    record Int64(long value) implements Literal {
        @Override
        public Object sqlValue() {
            return value;
        }
    }

    /** A number with a fraction or a decimal/double suffix ({@code 1.5}, {@code 2M}): no property here takes one. */
    record Decimal(BigDecimal value) implements Literal {
        @Override
        public Object sqlValue() {
            return value;
        }
    }

    /** An Edm.DateTime: {@code datetime'2013-05-01T00:00:00'}, or a short date compared with Date. */
    record DateTime(LocalDateTime value) implements Literal {
        @Override
        public Object sqlValue() {
            return value;
        }
    }

    /** An Edm.Guid: {@code guid'16a58f78-539f-47f7-b9bf-02a63867d73b'}, compared in its lower-case canonical form. */
    record Guid(UUID value) implements Literal {
        @Override
        public Object sqlValue() {
            return value.toString().toLowerCase(Locale.ROOT);
        }
    }

    /** An Edm.String: {@code 'contoso.example'}, with {@code ''} for a quote. */
    record Text(String value) implements Literal {
        @Override
        public Object sqlValue() {
            return value;
        }
    }
}
