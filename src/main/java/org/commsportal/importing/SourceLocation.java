package org.commsportal.importing;

import java.nio.file.Path;

/** Where a record or a problem is in an imported file: lines and columns count from 1. */
record SourceLocation(Path file, long line, long column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
