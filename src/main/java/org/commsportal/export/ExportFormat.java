package org.commsportal.export;

/** The file formats a report table can be exported to, with what an HTTP download needs to name them. */
public enum ExportFormat {
    CSV("text/csv", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String contentType;
    private final String fileExtension;

    ExportFormat(String contentType, String fileExtension) {
        this.contentType = contentType;
        this.fileExtension = fileExtension;
    }

    public String contentType() {
        return contentType;
    }

    /** Without the leading dot. */
    public String fileExtension() {
        return fileExtension;
    }
}
