package org.commsportal.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Test rows as plain lists of cell values, with one column per header reading the value at its index. */
final class Rows {

    private Rows() {}

    static List<@Nullable Object> row(@Nullable Object... cells) {
        return Arrays.asList(cells);
    }

    static List<ExportColumn<List<@Nullable Object>>> columns(String... headers) {
        List<ExportColumn<List<@Nullable Object>>> columns = new ArrayList<>();
        for (int i = 0; i < headers.length; i++) {
            int index = i;
            columns.add(new ExportColumn<>(headers[i], row -> row.get(index)));
        }
        return columns;
    }
}
