package org.commsportal.common;

import java.util.ArrayList;
import java.util.List;

/** Splits work into pieces of a size MariaDB handles comfortably in one IN list or batch. */
public final class Chunks {

    public static final int SIZE = 1000;

    private Chunks() {}

    public static <T> List<List<T>> of(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += SIZE) {
            chunks.add(items.subList(from, Math.min(items.size(), from + SIZE)));
        }
        return chunks;
    }
}
