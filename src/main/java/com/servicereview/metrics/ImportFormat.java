package com.servicereview.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The file formats an import reads. */
public enum ImportFormat {
    CSV,
    XLSX,
    JSON;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    /** An uploaded file: .xlsx by its content (a ZIP package), otherwise CSV; empty for a legacy .xls workbook. */
    public static Optional<ImportFormat> sniff(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n == 4 && Arrays.equals(head, OLE2)) return Optional.empty();
        return Optional.of(n == 4 && Arrays.equals(head, ZIP) ? XLSX : CSV);
    }

    RowSource source(Path file, RecordType type) {
        return switch (this) {
            case CSV -> new CsvRowSource(file, type);
            case XLSX -> new XlsxRowSource(file, type);
            case JSON -> new JsonRowSource(file, type);
        };
    }
}
