package com.servicereview.org;

import com.servicereview.metrics.CsvRowSource;
import com.servicereview.metrics.ImportErrors;
import com.servicereview.metrics.ImportFormat;
import com.servicereview.metrics.JsonRowSource;
import com.servicereview.metrics.RowSource;
import com.servicereview.metrics.XlsxRowSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the rows of an organisation upload with the service-record imports' row sources (CSV with
 * GBK/BOM detection, streamed .xlsx, streamed JSON): one workbook with a sheet per kind, one JSON
 * document with a member per kind, or one CSV (or single-sheet .xlsx) file per kind.
 */
final class OrgFiles {

    /** The multipart part of a whole workbook or JSON document. */
    static final String WHOLE = "file";

    /** An uploaded file: the part it came in, its name as sent, and our copy. */
    record Upload(String part, String name, Path path) {}

    /** A row as read: its number in its file (or position in its array) and its values in {@link OrgSheet} column order. */
    record Row(String file, String sheet, long number, String[] values) {
        String value(OrgSheet kind, String column) {
            return values[kind.index(column)];
        }
    }

    private OrgFiles() {}

    /** The rows of each kind the upload has; faults of its files go to {@code errors}. */
    static Map<OrgSheet, List<Row>> read(List<Upload> uploads, ImportErrors errors) throws IOException {
        Map<OrgSheet, List<Row>> rows = new EnumMap<>(OrgSheet.class);
        for (Upload upload : uploads) {
            if (upload.part().equals(WHOLE)) {
                readWhole(upload, rows, errors);
                continue;
            }
            OrgSheet kind = kindOfPart(upload.part());
            Optional<ImportFormat> format = ImportFormat.sniff(upload.path());
            if (format.isEmpty()) {
                errors.in(upload.name(), null)
                        .add(
                                0,
                                null,
                                null,
                                "是旧版 Excel 97-2003（.xls）工作簿，请另存为 .xlsx 或 CSV / is a legacy Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV");
                continue;
            }
            RowSource source = format.get() == ImportFormat.XLSX
                    ? new XlsxRowSource(upload.path(), kind, List.of())
                    : new CsvRowSource(upload.path(), kind);
            collect(source, kind, upload.name(), null, rows, errors);
        }
        return rows;
    }

    static OrgSheet kindOfPart(String part) {
        for (OrgSheet kind : OrgSheet.values()) {
            if (kind.part().equals(part)) return kind;
        }
        throw new IllegalArgumentException(part);
    }

    private static void readWhole(Upload upload, Map<OrgSheet, List<Row>> rows, ImportErrors errors)
            throws IOException {
        Optional<ImportFormat> format = ImportFormat.sniff(upload.path());
        ImportErrors fileErrors = errors.in(upload.name(), null);
        if (format.isEmpty()) {
            fileErrors.add(
                    0,
                    null,
                    null,
                    "是旧版 Excel 97-2003（.xls）工作簿，请另存为 .xlsx / is a legacy Excel 97-2003 (.xls) workbook; save it as .xlsx");
        } else if (format.get() == ImportFormat.XLSX) {
            List<String> sheets = XlsxRowSource.sheetNames(upload.path());
            if (sheets.isEmpty()) {
                // Reading it names the fault (damaged, truncated).
                new XlsxRowSource(upload.path(), OrgSheet.PEOPLE, List.of()).read((row, values) -> {}, fileErrors);
                return;
            }
            boolean any = false;
            for (OrgSheet kind : OrgSheet.values()) {
                Optional<String> sheet = sheets.stream()
                        .filter(name ->
                                kind.sheetNames().stream().anyMatch(wanted -> wanted.equalsIgnoreCase(name.strip())))
                        .findFirst();
                if (sheet.isPresent()) {
                    any = true;
                    collect(
                            new XlsxRowSource(upload.path(), kind, List.of(sheet.get())),
                            kind,
                            upload.name(),
                            sheet.get(),
                            rows,
                            errors);
                }
            }
            if (!any) {
                fileErrors.add(
                        0,
                        null,
                        null,
                        "没有名为 单位、人员 或 评议人 的工作表（工作表：" + String.join(", ", sheets)
                                + "）/ has no sheet named 单位/Units, 人员/People or 评议人/GroupReviewers (sheets: "
                                + String.join(", ", sheets) + ")");
            }
        } else if (startsWithBrace(upload.path())) {
            for (OrgSheet kind : OrgSheet.values()) {
                collect(
                        new JsonRowSource(upload.path(), kind, kind.part()),
                        kind,
                        upload.name(),
                        kind.part(),
                        rows,
                        errors);
            }
        } else {
            fileErrors.add(
                    0,
                    null,
                    null,
                    "既不是 .xlsx 工作簿也不是 JSON 文档；CSV 文件请作为 units、people 和 groupReviewers 三个部分上传"
                            + " / is neither an .xlsx workbook nor a JSON document; send CSV files as the parts "
                            + "units, people and groupReviewers");
        }
    }

    private static void collect(
            RowSource source,
            OrgSheet kind,
            String file,
            String sheet,
            Map<OrgSheet, List<Row>> rows,
            ImportErrors errors)
            throws IOException {
        List<Row> read = rows.computeIfAbsent(kind, k -> new ArrayList<>());
        source.read((number, values) -> read.add(new Row(file, sheet, number, values)), errors.in(file, sheet));
        if (read.isEmpty()) rows.remove(kind);
    }

    /** A JSON document: its first character, after a byte-order mark and white space, is {. */
    private static boolean startsWithBrace(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                    ? 3
                    : 0;
            while (i < head.length && Character.isWhitespace(head[i])) i++;
            return i < head.length && head[i] == '{';
        }
    }
}
