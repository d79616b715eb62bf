package org.commsportal.skypeactivity;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A user's distinct conferences organized or taken part in over a period, those with IM, audio/video and application
 * sharing, the audio/video milliseconds of the user's sessions in them, and the last day with one (up to the end
 * of the period, whatever its start).
 */
public record ConferenceFigures(
        long conferences,
        long im,
        long audioVideo,
        long appSharing,
        long audioVideoMs,
        @Nullable LocalDate lastDay) {

    public static final ConferenceFigures NONE = new ConferenceFigures(0, 0, 0, 0, 0, null);
}
