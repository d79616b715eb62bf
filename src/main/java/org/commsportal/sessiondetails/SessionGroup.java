package org.commsportal.sessiondetails;

import org.jspecify.annotations.Nullable;

/** A group row: the shown value (null when the cells are empty) and how many sessions have it. */
public record SessionGroup(@Nullable String value, long count) {}
