package org.commsportal.bench;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The ingestion format's record of a bench session, as the write benchmarks send it: peer-to-peer IM or audio (video
 * too where asked, every ninth), an audio stream and media line whose jitter and address vary with {@code n}, and
 * every tenth a rating.
 */
final class BenchSessionJson {

    private BenchSessionJson() {}

    /**
     * The record; {@code conference} is extra JSON members after the response code (empty for none), e.g. a
     * conference URL and instance.
     */
    static String of(
            String dialogId,
            Instant start,
            String fromUpn,
            String toUpn,
            @Nullable String fromClientVersion,
            String conference,
            boolean video,
            int n) {
        String media = n % 3 == 0
                ? "[{\"type\":\"AUDIO\",\"durationMs\":240000}"
                        + (video && n % 9 == 0 ? ",{\"type\":\"VIDEO\",\"durationMs\":200000}" : "") + "]"
                : "[{\"type\":\"IM\",\"durationMs\":60000}]";
        String client = fromClientVersion == null ? "" : ",\"fromClientVersion\":\"" + fromClientVersion + "\"";
        String feedback = n % 10 == 0 ? ",\"feedback\":[{\"side\":\"FROM\",\"rating\":4}]" : "";
        return ("{\"dialogId\":\"%s\",\"startTime\":\"%s\",\"endTime\":\"%s\",\"fromUri\":\"sip:%s\","
                        + "\"toUri\":\"sip:%s\"%s,\"responseCode\":200%s,\"media\":%s,\"quality\":{\"audioStreams\":[{"
                        + "\"side\":\"FROM\",\"codec\":\"SILK\",\"jitterAvgMs\":%d.5,\"packetLossRateAvg\":0.01,"
                        + "\"roundTripAvgMs\":80}],\"mediaLines\":[{\"side\":\"FROM\",\"mediaType\":\"AUDIO\","
                        + "\"ipAddress\":\"10.0.%d.%d\"}]%s}}")
                .formatted(
                        dialogId,
                        start,
                        start.plusSeconds(240),
                        fromUpn,
                        toUpn,
                        client,
                        conference,
                        media,
                        n % 40,
                        n % 250,
                        n % 200,
                        feedback);
    }
}
