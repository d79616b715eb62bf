package org.commsportal.locations;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether an upload's subnets are still being mapped in the background (with progress), and the moment of the newest
 * activation the figures use meanwhile ("figures as of").
 */
public record MappingStatus(
        boolean remapping, int mapped, int total, @Nullable Instant figuresAsOf) {}
