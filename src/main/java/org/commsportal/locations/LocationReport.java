package org.commsportal.locations;

import java.util.List;

/** The rows of the filter's level, largest stream count first, and the mapping status they were read under. */
public record LocationReport(LocationFilter filter, List<LocationFigures> rows, MappingStatus status) {}
