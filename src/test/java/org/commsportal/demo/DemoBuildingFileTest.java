package org.commsportal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commsportal.locations.BuildingFile;
import org.commsportal.locations.BuildingRow;
import org.junit.jupiter.api.Test;

/** The demo's building file passes the upload's validation and names the subnet with the faulty switch. */
class DemoBuildingFileTest {

    @Test
    void the_demo_building_file_is_valid_and_maps_the_bad_subnet_to_its_own_floor() {
        List<BuildingRow> rows =
                BuildingFile.read(new ByteArrayInputStream(DemoBuildingFile.TEXT.getBytes(StandardCharsets.UTF_8)));
        assertThat(rows).hasSize(7);
        assertThat(rows)
                .filteredOn(row -> row.network().text().equals(QualityGenerator.BAD_SUBNET + "/24"))
                .extracting(BuildingRow::buildingName)
                .containsExactly("London office 3rd floor");
    }
}
