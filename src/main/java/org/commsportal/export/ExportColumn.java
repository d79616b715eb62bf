package org.commsportal.export;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A column: its header text and how to read its cell from a row.
 *
 * <p>Cell values may be a {@link String}, a {@link Number} ({@code Long}, {@code Integer}, {@code Double},
 * {@code BigDecimal}, ...), a {@link Boolean}, a {@link java.time.LocalDate}, an {@link java.time.Instant}, or
 * {@code null} for an empty cell. Any other type is a programming error and fails the export.
 */
public record ExportColumn<R>(String header, Function<R, @Nullable Object> value) {}
