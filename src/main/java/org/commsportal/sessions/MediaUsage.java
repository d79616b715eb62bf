package org.commsportal.sessions;

/** One modality used in a session and for how long. */
public record MediaUsage(Modality type, long durationMs) {}
