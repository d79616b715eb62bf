package org.commsportal.ingest;

/** One modality used in a session and for how long. */
public record MediaUsage(MediaType type, long durationMs) {
}
