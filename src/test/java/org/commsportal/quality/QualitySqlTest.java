package org.commsportal.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.commsportal.sessions.Modality;
import org.junit.jupiter.api.Test;

class QualitySqlTest {

    private static final Path CHANGESET = Path.of("src/main/resources/db/changelog/020-call-quality.sql");

    @Test
    void the_changeset_fills_the_read_model_with_the_sql_the_listener_uses() throws IOException {
        String changeset = Files.readString(CHANGESET);
        assertThat(squeezed(changeset)).contains(squeezed(QualityBackfill.STREAMS));
        assertThat(squeezed(changeset)).contains(squeezed(QualityBackfill.DAYS));
        assertThat(squeezed(Files.readString(Path.of("src/main/resources/db/changelog/021-call-quality-splits.sql"))))
                .contains(squeezed(QualityBackfill.SPLIT_DAYS));
        assertThat(squeezed(Files.readString(Path.of("src/main/resources/db/changelog/047-quality-filter-day.sql"))))
                .contains(squeezed(QualityBackfill.FILTER_DAYS));
        String changeset049 = squeezed(
                Files.readString(Path.of("src/main/resources/db/changelog/049-quality-filters-and-drill-through.sql")));
        assertThat(changeset049).contains(squeezed(QualityBackfill.SUBNET_PAIR_DAYS));
        assertThat(changeset049).contains(squeezed(QualityBackfill.SUBNET_PAIR_PERIOD_TOTALS));
        assertThat(changeset049).contains(squeezed(QualityBackfill.USER_PAIR_PERIOD_TOTALS));
        String changeset051 =
                squeezed(Files.readString(Path.of("src/main/resources/db/changelog/051-quality-year-period.sql")));
        assertThat(changeset051).contains(squeezed(QualityBackfill.YEAR_USER_TOTALS));
        assertThat(changeset051).contains(squeezed(QualityBackfill.YEAR_USER_PAIR_TOTALS));
        assertThat(changeset051).contains(squeezed(QualityBackfill.YEAR_SPLIT_TOTALS));
        assertThat(squeezed(Files.readString(Path.of("src/main/resources/db/changelog/052-quality-session-day.sql"))))
                .contains(squeezed(QualityBackfill.SESSION_DAYS));
        assertThat(squeezed(Files.readString(
                        Path.of("src/main/resources/db/changelog/057-quality-session-day-every-stream.sql"))))
                .contains(squeezed(QualityBackfill.EVERY_AND_GOOD_SESSION_DAYS));
        assertThat(squeezed(
                        Files.readString(Path.of("src/main/resources/db/changelog/059-quality-session-quarter.sql"))))
                .contains(squeezed(QualityBackfill.SESSION_QUARTERS));
        assertThat(squeezed(Files.readString(Path.of("src/main/resources/db/changelog/061-quality-user-day.sql"))))
                .contains(squeezed(QualityBackfill.USER_DAYS));
        assertThat(squeezed(Files.readString(Path.of("src/main/resources/db/changelog/063-quality-user-pair-day.sql"))))
                .contains(squeezed(QualityBackfill.USER_PAIR_DAYS));
    }

    @Test
    void each_rule_has_its_threshold_as_a_bucket_edge_so_a_bucket_holds_only_poor_or_only_good_values() {
        for (QualityMetric metric : QualityMetric.values()) {
            int atThreshold = metric.bucket(metric.threshold());
            assertThat(metric.bucket(metric.threshold() + 1e-9))
                    .as(metric.name())
                    .isEqualTo(atThreshold + 1);
        }
        assertThat(QualityMetric.AUDIO_JITTER.bucket(0)).isZero();
        assertThat(QualityMetric.AUDIO_JITTER.bucket(2)).isZero();
        assertThat(QualityMetric.AUDIO_JITTER.bucket(2.0001)).isEqualTo(1);
        assertThat(QualityMetric.AUDIO_JITTER.bucket(1e6)).isEqualTo(QualityMetric.BUCKETS - 1);
        assertThat(QualityMetric.AUDIO_JITTER.bucketLabel(0)).isEqualTo("≤ 2 ms");
        assertThat(QualityMetric.AUDIO_JITTER.bucketLabel(11)).isEqualTo("> 60 ms");
        assertThat(QualityMetric.of(Modality.AUDIO)).hasSize(5);
        assertThat(QualityMetric.AUDIO_JITTER.rule()).isEqualTo("Jitter > 30 ms");
        assertThat(QualityMetric.VIDEO_FRAME_RATE.rule()).isEqualTo("Average frame rate < 7 fps");
    }

    private static String squeezed(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }

    /** Prints the changeset's statements: run after changing the rules or buckets, and paste. */
    public static void main(String[] args) {
        System.out.println(QualityBackfill.STREAMS + ";\n\n" + QualityBackfill.DAYS + ";");
        System.out.println("\n-- changeset 021\n" + QualityBackfill.SPLIT_DAYS + ";");
        System.out.println("\n-- changeset 047\n" + QualityBackfill.FILTER_DAYS + ";");
        System.out.println("\n-- changeset 049\n" + QualityBackfill.SUBNET_PAIR_DAYS + ";\n\n"
                + QualityBackfill.SUBNET_PAIR_PERIOD_TOTALS + ";\n\n" + QualityBackfill.USER_PAIR_PERIOD_TOTALS + ";");
        System.out.println("\n-- changeset 051\n" + QualityBackfill.YEAR_USER_TOTALS + ";\n\n"
                + QualityBackfill.YEAR_USER_PAIR_TOTALS + ";\n\n" + QualityBackfill.YEAR_SPLIT_TOTALS + ";");
        System.out.println("\n-- changeset 052\n" + QualityBackfill.SESSION_DAYS + ";");
        System.out.println("\n-- changeset 057\n" + QualityBackfill.EVERY_AND_GOOD_SESSION_DAYS + ";");
        System.out.println("\n-- changeset 059\n" + QualityBackfill.SESSION_QUARTERS + ";");
        System.out.println("\n-- changeset 061\n" + QualityBackfill.USER_DAYS + ";");
        System.out.println("\n-- changeset 063\n" + QualityBackfill.USER_PAIR_DAYS + ";");
    }
}
