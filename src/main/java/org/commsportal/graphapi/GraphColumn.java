package org.commsportal.graphapi;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A report column: its CSV header, its JSON property name and its value (null for a figure nobody knows). */
record GraphColumn<R>(String csvHeader, String jsonName, Function<R, @Nullable Object> value) {}
