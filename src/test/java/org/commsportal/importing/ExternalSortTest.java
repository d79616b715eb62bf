package org.commsportal.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExternalSortTest {

    @Test
    void rows_come_back_in_key_tag_and_order_sequence_through_several_merge_rounds_and_can_be_read_twice()
            throws IOException {
        ExternalSort.Budget budget = new ExternalSort.Budget(100, 1 << 20, 3);
        Random random = new Random(26);
        List<ExternalSort.Row> added = new ArrayList<>();
        List<Path> runs;
        try (ExternalSort sort = new ExternalSort("test", budget)) {
            for (int i = 0; i < 10_000; i++) {
                // texts of every width, line breaks, non-Latin characters, an empty text and a missing field
                String text = i % 1000 == 0 ? "" : "line\n" + "ü€😀".repeat(random.nextInt(4)) + i;
                ExternalSort.Row row = new ExternalSort.Row(
                        "k" + random.nextInt(500), random.nextInt(3), i, Arrays.asList(text, i % 7 == 0 ? null : "x"));
                added.add(row);
                sort.add(row);
            }
            added.sort(ExternalSort.ORDER);

            assertThat(read(sort)).isEqualTo(added);
            assertThat(read(sort)).isEqualTo(added);
            assertThat(sort.size()).isEqualTo(10_000);
            runs = tempDirs();
            assertThat(runs).isNotEmpty();
        }
        // 100 rows a run, then merges of 3 runs: never more than a run and a merge's heads held at once
        assertThat(budget.highWater()).isBetween(100L, 103L);
        assertThat(runs).noneMatch(Files::exists);
    }

    @Test
    void rows_that_fit_one_run_are_sorted_in_memory_without_files() throws IOException {
        ExternalSort.Budget budget = new ExternalSort.Budget(100, 1 << 20, 3);
        List<Path> before = tempDirs();
        try (ExternalSort sort = new ExternalSort("small", budget)) {
            sort.add("b", 0, 2, "second");
            sort.add("a", 1, 1, "third");
            sort.add("a", 0, 9, "first");

            assertThat(read(sort)).extracting(row -> row.fields().get(0)).containsExactly("first", "third", "second");
            assertThat(tempDirs()).isEqualTo(before);
        }
        assertThat(budget.highWater()).isEqualTo(3);
    }

    @Test
    void sort_keys_order_times_and_sequence_numbers_as_they_are() {
        List<String> keys = new ArrayList<>();
        for (Instant time : List.of(
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("2026-01-01T09:00:00Z"),
                Instant.parse("2026-01-01T09:00:00.1Z"),
                Instant.parse("2026-01-01T09:00:00.123Z"),
                Instant.parse("2026-01-01T09:00:01Z"),
                Instant.parse("9999-12-31T23:59:59Z"))) {
            for (int seq : new int[] {Integer.MIN_VALUE, -1, 0, 2, 10, Integer.MAX_VALUE}) {
                keys.add(SfbServerImport.sortKey(time, seq));
            }
        }

        assertThat(keys).isSorted().doesNotHaveDuplicates().allMatch(key -> key.length() == 36);
    }

    private static List<ExternalSort.Row> read(ExternalSort sort) throws IOException {
        List<ExternalSort.Row> rows = new ArrayList<>();
        try (ExternalSort.Rows sorted = sort.sorted()) {
            for (ExternalSort.Row row = sorted.next(); row != null; row = sorted.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Path> tempDirs() throws IOException {
        try (var listing = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return listing.filter(p -> p.getFileName().toString().startsWith("sfb-server-import-"))
                    .sorted()
                    .toList();
        }
    }
}
