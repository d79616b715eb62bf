package org.commsportal.periodfigures;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One period of a figure set.
 *
 * @param id      the stable index of the period ({@link FigurePeriod#id})
 * @param date    the wall-clock time, in the report's zone, at which the period ends (the midnight that closes it)
 * @param figures every figure of the set
 */
public record FigureRow(long id, LocalDateTime date, Map<FigureSet.Figure, Long> figures) {

    public FigureRow {
        figures = Map.copyOf(figures);
    }
}
