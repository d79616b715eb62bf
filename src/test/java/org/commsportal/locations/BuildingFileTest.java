package org.commsportal.locations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The building file's reading and every kind of problem its validation lists, by line (docs/locations.md). */
class BuildingFileTest {

    private static final String GOOD = "10.0.0.0,Campus,8,HQ,Contoso,Office,Engineering,Seattle,98001,US,WA,NA,1,0,0";

    @Test
    void a_csv_with_a_header_and_a_tsv_without_one_are_read_alike() {
        List<BuildingRow> csv = read(String.join(",", BuildingFile.COLUMNS) + "\n" + GOOD + "\n");
        List<BuildingRow> tsv = read(GOOD.replace(',', '\t'));
        assertThat(csv).hasSize(1);
        assertThat(tsv).hasSize(1);
        BuildingRow row = csv.get(0);
        assertThat(row.line()).isEqualTo(2);
        assertThat(row.network().text()).isEqualTo("10.0.0.0/8");
        assertThat(row.buildingName()).isEqualTo("HQ");
        assertThat(row.country()).isEqualTo("US");
        assertThat(row.insideCorp()).isTrue();
        assertThat(row.expressRoute()).isFalse();
        assertThat(tsv.get(0).line()).isEqualTo(1);
    }

    @Test
    void a_supernet_and_its_subnets_ipv6_a_missing_vpn_column_and_quoted_fields_are_accepted() {
        List<BuildingRow> rows = read(GOOD + "\n"
                + "10.1.0.0,\"Building 1, east\",16,B1,,,,Seattle,,us,,NA,1,0\n"
                + "2001:db8::,V6,32,V6,,,,Berlin,,DE,,EU,1,1,1\n"
                + "2001:DB8:1::,V6 lab,128,Lab,,,,Berlin,,DE,,EU,0,0,0\n");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).networkName()).isEqualTo("Building 1, east");
        assertThat(rows.get(1).country()).isEqualTo("US");
        assertThat(rows.get(1).vpn()).isFalse();
        assertThat(rows.get(2).network().text()).isEqualTo("2001:db8::/32");
    }

    @Test
    void every_problem_is_listed_by_line_in_one_go() {
        String file = GOOD + "\n"
                + "10.0.0.999,Bad,24,B,,,,C,,US,,R,1,0,0\n" // 2 bad address
                + "myhost.example,Bad,24,B,,,,C,,US,,R,1,0,0\n" // 3 a name is not an address
                + "10.2.0.0,Bad,x,B,,,,C,,US,,R,1,0,0\n" // 4 range not a number
                + "10.0.0.0,Bad,7,B,,,,C,,US,,R,1,0,0\n" // 5 below /8
                + "10.3.0.0,Bad,33,B,,,,C,,US,,R,1,0,0\n" // 6 above /32
                + "2001:db8::,Bad,16,B,,,,C,,US,,R,1,0,0\n" // 7 IPv6 below /32
                + "10.4.0.5,Bad,24,B,,,,C,,US,,R,1,0,0\n" // 8 host bits set
                + "10.0.0.0,Again,8,B,,,,C,,US,,R,1,0,0\n" // 9 the same network as line 1
                + "10.5.0.0,Short,24,B,,,,C,,US,,R,1\n" // 10 too few columns
                + "10.6.0.0,,24,,,,,C,,US,,R,1,0,0\n" // 11 NetworkName and BuildingName empty
                + "10.7.0.0,Bad,24,B,,,,C,,XX,,R,1,0,0\n" // 12 unknown country
                + "10.8.0.0,Bad,24,B,,,,C,,US,,R,yes,0,0\n" // 13 a flag that is not 0 or 1
                + "10.9.0.0,Bad,24,B,,,,C,,US,,R,,0,0\n"; // 14 InsideCorp empty
        assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(BuildingFileRejected.class, e -> {
            assertThat(e.problems())
                    .extracting(FileProblem::line)
                    .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12, 13, 14);
            assertThat(e.problems().get(0).toString()).contains("Line 2", "10.0.0.999", "not an IPv4 or IPv6");
            assertThat(e.problems().get(2).message()).contains("not a whole number");
            assertThat(e.problems().get(3).message()).contains("outside /8 to /32");
            assertThat(e.problems().get(4).message()).contains("outside /8 to /32");
            assertThat(e.problems().get(5).message()).contains("outside /32 to /128", "IPv6");
            assertThat(e.problems().get(6).message()).contains("10.4.0.0");
            assertThat(e.problems().get(7).message()).contains("10.0.0.0/8", "line 1");
            assertThat(e.problems().get(8).message()).contains("columns");
            assertThat(e.problems().get(9).message()).contains("NetworkName");
            assertThat(e.problems().get(10).message()).contains("BuildingName");
            assertThat(e.problems().get(11).message()).contains("XX", "country");
            assertThat(e.problems().get(12).message()).contains("InsideCorp", "0 or 1");
            assertThat(e.problems().get(13).message()).contains("InsideCorp", "empty");
        });
    }

    @Test
    void an_empty_file_and_a_file_over_the_size_limit_are_refused_with_a_clear_reason() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOfSatisfying(
                        BuildingFileRejected.class,
                        e -> assertThat(e.problems().get(0).message()).contains("no rows"));
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                return served++ % 80 == 79 ? '\n' : 'x';
            }
        };
        assertThatThrownBy(() -> BuildingFile.read(endless))
                .isInstanceOfSatisfying(
                        BuildingFileRejected.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .satisfies(p -> assertThat(p.message()).contains("larger than 16 MB")));
    }

    @Test
    void the_longest_prefix_wins_for_ipv4_and_ipv6() {
        var matcher = new NetworkMatcher(read(GOOD + "\n"
                        + "10.1.0.0,B1,16,B1,,,,C,,US,,R,1,0,0\n"
                        + "10.1.2.0,B1f2,24,B1f2,,,,C,,US,,R,1,0,0\n"
                        + "2001:db8::,V6,32,V6,,,,C,,DE,,R,1,0,0\n"
                        + "2001:db8:1::,Lab,48,Lab,,,,C,,DE,,R,1,0,0\n")
                .stream()
                .map(row -> new NetworkMatcher.Entry(row.network(), row.line()))
                .toList());
        assertThat(matcher.lineOf("10.1.2.0")).isEqualTo(3);
        assertThat(matcher.lineOf("10.1.3.0")).isEqualTo(2);
        assertThat(matcher.lineOf("10.200.0.0")).isEqualTo(1);
        assertThat(matcher.lineOf("11.0.0.0")).isNull();
        assertThat(matcher.lineOf("2001:db8:1:5::")).isEqualTo(5);
        assertThat(matcher.lineOf("2001:db8:2::")).isEqualTo(4);
        assertThat(matcher.lineOf("2001:db9::")).isNull();
        assertThat(matcher.lineOf("")).isNull();
        assertThat(matcher.lineOf("not a subnet")).isNull();
    }

    private static List<BuildingRow> read(String text) {
        return BuildingFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
