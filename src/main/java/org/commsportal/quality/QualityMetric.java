package org.commsportal.quality;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.commsportal.sessions.Modality;

/**
 * The metrics of the poor-stream rules (SPEC section 1), one per rule: the rule's slot within its modality (1..5,
 * the order of docs/call-quality.md), its quality-record column, threshold and the fixed upper edges of its histogram
 * buckets. A value falls into bucket {@code b} = the number of edges it is above, so bucket 0 is (-inf, e1], bucket i
 * is (e_i, e_i+1] and bucket 11 is above e11; every threshold is an edge, so no bucket mixes poor and good values of
 * an "above" rule.
 */
public enum QualityMetric {
    AUDIO_DEGRADATION(
            Modality.AUDIO,
            1,
            "Degradation avg",
            "degradation_avg",
            "",
            1.0,
            false,
            0.1,
            0.2,
            0.3,
            0.4,
            0.5,
            0.75,
            1.0,
            1.25,
            1.5,
            2,
            3),
    AUDIO_ROUND_TRIP(
            Modality.AUDIO,
            2,
            "Round trip",
            "round_trip_avg_ms",
            "ms",
            500,
            false,
            25,
            50,
            75,
            100,
            150,
            200,
            300,
            400,
            500,
            750,
            1000),
    AUDIO_PACKET_LOSS(
            Modality.AUDIO,
            3,
            "Packet loss rate",
            "packet_loss_rate_avg",
            "",
            0.1,
            false,
            0.005,
            0.01,
            0.02,
            0.03,
            0.04,
            0.05,
            0.075,
            0.1,
            0.15,
            0.2,
            0.3),
    AUDIO_JITTER(Modality.AUDIO, 4, "Jitter", "jitter_avg_ms", "ms", 30, false, 2, 4, 6, 8, 10, 15, 20, 25, 30, 40, 60),
    AUDIO_CONCEALED(
            Modality.AUDIO,
            5,
            "Concealed samples ratio avg",
            "concealed_ratio_avg",
            "",
            0.07,
            false,
            0.005,
            0.01,
            0.02,
            0.03,
            0.04,
            0.05,
            0.06,
            0.07,
            0.1,
            0.15,
            0.2),
    VIDEO_FRAME_LOSS(
            Modality.VIDEO,
            1,
            "Local frame loss",
            "local_frame_loss_percent",
            "%",
            50,
            false,
            1,
            2,
            5,
            10,
            15,
            20,
            30,
            40,
            50,
            60,
            80),
    VIDEO_FRAME_RATE(
            Modality.VIDEO,
            2,
            "Average frame rate",
            "frame_rate_in_avg",
            "fps",
            7,
            true,
            2,
            4,
            7,
            10,
            12,
            15,
            18,
            20,
            24,
            30,
            45),
    VIDEO_POST_FEC_LOSS(
            Modality.VIDEO,
            3,
            "Post-FEC packet loss",
            "post_fec_packet_loss",
            "",
            0.15,
            false,
            0.01,
            0.02,
            0.03,
            0.05,
            0.075,
            0.1,
            0.15,
            0.2,
            0.25,
            0.3,
            0.4),
    SHARING_SPOILED_TILES(
            Modality.APPLICATION_SHARING,
            1,
            "Spoiled tiles",
            "spoiled_tile_percent",
            "%",
            36,
            false,
            1,
            2,
            5,
            10,
            15,
            20,
            25,
            30,
            36,
            50,
            75),
    SHARING_TILE_LATENCY(
            Modality.APPLICATION_SHARING,
            2,
            "RDP tile processing latency avg",
            "rdp_tile_processing_latency_avg_ms",
            "ms",
            400,
            false,
            25,
            50,
            100,
            150,
            200,
            250,
            300,
            400,
            500,
            750,
            1000),
    SHARING_RELATIVE_ONE_WAY(
            Modality.APPLICATION_SHARING,
            3,
            "Relative one-way avg",
            "relative_one_way_avg_s",
            "s",
            1.75,
            false,
            0.1,
            0.25,
            0.5,
            0.75,
            1,
            1.25,
            1.5,
            1.75,
            2,
            2.5,
            3);

    /** Rule slots per modality (audio has five rules). */
    public static final int SLOTS = 5;
    /** Buckets per histogram: below or at the first edge, between edges, above the last. */
    public static final int BUCKETS = 12;

    /** The modalities whose streams are classified, in the page's order. */
    public static final List<Modality> MODALITIES =
            List.of(Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING);

    private final Modality modality;
    private final int slot;
    private final String label;
    private final String column;
    private final String unit;
    private final double threshold;
    private final boolean poorBelow;
    private final double[] edges;

    QualityMetric(
            Modality modality,
            int slot,
            String label,
            String column,
            String unit,
            double threshold,
            boolean poorBelow,
            double... edges) {
        if (edges.length != BUCKETS - 1) {
            throw new IllegalArgumentException(name() + " needs " + (BUCKETS - 1) + " edges");
        }
        this.modality = modality;
        this.slot = slot;
        this.label = label;
        this.column = column;
        this.unit = unit;
        this.threshold = threshold;
        this.poorBelow = poorBelow;
        this.edges = edges;
    }

    public Modality modality() {
        return modality;
    }

    /** 1..5 within the modality: the rule's bit is {@code 1 << (slot - 1)}, its histogram columns h{slot}_*. */
    public int slot() {
        return slot;
    }

    public String label() {
        return label;
    }

    /** The column of the quality-record table (qoe_audio_stream, qoe_video_stream, qoe_app_sharing_stream). */
    String column() {
        return column;
    }

    public String unit() {
        return unit;
    }

    public double threshold() {
        return threshold;
    }

    /** Whether the rule trips below the threshold (frame rate) instead of above it. */
    public boolean poorBelow() {
        return poorBelow;
    }

    /** The rule as text, e.g. "Jitter > 30 ms". */
    public String rule() {
        return label + (poorBelow ? " < " : " > ") + plain(threshold) + (unit.isEmpty() ? "" : " " + unit);
    }

    public double edge(int index) {
        return edges[index];
    }

    /** The bucket of a value: how many edges it is above. */
    public int bucket(double value) {
        int bucket = 0;
        for (double edge : edges) {
            if (value > edge) {
                bucket++;
            }
        }
        return bucket;
    }

    /** A bucket as text: "≤ 25 ms", "25–50 ms", "> 1000 ms". */
    public String bucketLabel(int bucket) {
        String suffix = unit.isEmpty() ? "" : " " + unit;
        if (bucket == 0) {
            return "≤ " + plain(edges[0]) + suffix;
        }
        if (bucket == BUCKETS - 1) {
            return "> " + plain(edges[BUCKETS - 2]) + suffix;
        }
        return plain(edges[bucket - 1]) + "–" + plain(edges[bucket]) + suffix;
    }

    /** The rule's key in drill-through links ({@code rule=AUDIO_JITTER}): the constant's name. */
    public String key() {
        return name();
    }

    /** The rule of a key, in any letter case, with - or _ between words. */
    public static QualityMetric ofKey(String key) {
        String wanted = key.strip().replace('-', '_');
        return Arrays.stream(values())
                .filter(m -> m.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rule must be one of "
                        + Arrays.stream(values()).map(QualityMetric::key).toList() + ", not '" + key + "'."));
    }

    public static List<QualityMetric> of(Modality modality) {
        return Arrays.stream(values()).filter(m -> m.modality == modality).toList();
    }

    public static QualityMetric of(Modality modality, int slot) {
        return Arrays.stream(values())
                .filter(m -> m.modality == modality && m.slot == slot)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No rule " + slot + " for " + modality));
    }

    /** A number as SQL writes a DOUBLE literal, so that the database compares doubles as Java does. */
    static String sqlDouble(double value) {
        return BigDecimal.valueOf(value).toPlainString() + "e0";
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
