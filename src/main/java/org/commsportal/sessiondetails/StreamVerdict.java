package org.commsportal.sessiondetails;

import java.util.List;
import java.util.Set;

/**
 * A stream's verdict and why: the rules that made it Poor (or the reason it is Unclassified), and the record
 * components (e.g. {@code jitterAvgMs}) that broke a threshold, so a view can highlight them.
 */
public record StreamVerdict(Verdict verdict, List<String> reasons, Set<String> poorMetrics) {

    static StreamVerdict unclassified(String reason) {
        return new StreamVerdict(Verdict.UNCLASSIFIED, List.of(reason), Set.of());
    }
}
