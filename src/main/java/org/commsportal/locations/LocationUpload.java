package org.commsportal.locations;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A version of the building file (numbered 1, 2, … per tenant): who uploaded it, when, how many rows, and how far the background mapping of the
 * seen subnets to its networks has come ({@code mappedAt} null while it runs).
 */
public record LocationUpload(
        long id,
        int version,
        Instant uploadedAt,
        String uploadedBy,
        String fileName,
        int rows,
        int subnetsTotal,
        int subnetsMapped,
        @Nullable Instant mappedAt) {

    public boolean mapped() {
        return mappedAt != null;
    }
}
