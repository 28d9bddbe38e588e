package com.servicereview.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * One sheet of an .xlsx workbook (the first, or the one named as asked), read with POI's streaming SAX reader (XSSFSheetXMLHandler):
 * only the shared-strings table is held in memory, never the sheet. The first non-empty row is the
 * header; rows keep Excel's numbers. Date cells become ISO text (2021-03-05 14:30:00) and numbers
 * plain decimals, whatever their display format, so they parse like CSV text.
 */
public final class XlsxRowSource implements RowSource {

    private final Path file;
    private final RowLayout type;
    private final List<String> sheetNames;

    XlsxRowSource(Path file, RowLayout type) {
        this(file, type, List.of());
    }

    /** The sheet with one of {@code sheetNames} (case and surrounding spaces aside); the first sheet when none is given. */
    public XlsxRowSource(Path file, RowLayout type, List<String> sheetNames) {
        this.file = file;
        this.type = type;
        this.sheetNames = sheetNames;
    }

    /** The names of the workbook's sheets, in order; empty when it is no readable workbook (reading it says why). */
    public static List<String> sheetNames(Path file) {
        List<String> names = new ArrayList<>();
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(workbook).getSheetsData();
            while (sheets.hasNext()) {
                sheets.next().close();
                names.add(sheets.getSheetName());
            }
        } catch (IOException | OpenXML4JException | RuntimeException e) {
            return List.of();
        }
        return names;
    }

    private boolean wanted(String sheetName) {
        return sheetNames.isEmpty() || sheetNames.stream().anyMatch(name -> name.equalsIgnoreCase(sheetName.strip()));
    }

    @Override
    public void read(RowSink sink, ImportErrors errors) throws IOException {
        OPCPackage workbook;
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (InvalidFormatException | RuntimeException e) {
            errors.add(0, null, null, unreadable(e));
            return;
        }
        try (workbook) {
            XSSFReader reader = new XSSFReader(workbook);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            InputStream sheet = null;
            while (sheet == null && sheets.hasNext()) {
                InputStream next = sheets.next();
                if (wanted(sheets.getSheetName())) {
                    sheet = next;
                } else {
                    next.close();
                }
            }
            if (sheet == null) {
                errors.add(
                        0,
                        null,
                        null,
                        sheetNames.isEmpty()
                                ? "工作簿中没有工作表 / the workbook has no sheet"
                                : "工作簿中没有名为 " + String.join(" 或 ", sheetNames)
                                        + " 的工作表 / the workbook has no sheet named " + String.join(" or ", sheetNames));
                return;
            }
            Rows rows = new Rows(sink, errors);
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new XSSFSheetXMLHandler(
                    reader.getStylesTable(),
                    null,
                    new ReadOnlySharedStringsTable(workbook),
                    rows,
                    new PlainFormatter(),
                    false));
            try (InputStream chosen = sheet) {
                parser.parse(new InputSource(chosen));
            }
            if (!rows.sawHeader) {
                errors.add(0, null, null, EMPTY_FILE);
            } else if (rows.dataRows == 0 && errors.isEmpty()) {
                errors.add(0, null, null, NO_DATA_ROWS);
            }
        } catch (SinkFailure e) {
            throw e.getCause();
        } catch (IOException | SAXException | OpenXML4JException | ParserConfigurationException | RuntimeException e) {
            errors.add(0, null, null, unreadable(e));
        }
    }

    private static String unreadable(Exception e) {
        return "无法读取 .xlsx 文件（已损坏或被截断？） / the .xlsx file cannot be read (damaged or truncated?): " + e.getMessage();
    }

    /** Carries a failure to stage a row (a database error) through the SAX parser. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Collects one row's cells and hands complete rows on. */
    private final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final RowSink sink;
        private final ImportErrors errors;
        private final List<String> cells = new ArrayList<>();
        private HeaderMapping mapping;
        private boolean sawHeader;
        private boolean stop;
        private long dataRows;
        private int nextColumn;

        Rows(RowSink sink, ImportErrors errors) {
            this.sink = sink;
            this.errors = errors;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            nextColumn = 0;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            while (cells.size() < column) cells.add(null);
            cells.add(value);
            nextColumn = column + 1;
        }

        @Override
        public void endRow(int rowNum) {
            if (stop || cells.stream().allMatch(c -> c == null || c.isBlank())) return;
            long row = rowNum + 1L;
            if (!sawHeader) {
                sawHeader = true;
                mapping = HeaderMapping.of(type, cells, row, errors);
                stop = mapping == null;
                return;
            }
            if (cells.size() > mapping.fileColumns()) {
                errors.add(
                        row,
                        null,
                        null,
                        "有 " + cells.size() + " 列有值，但表头只有 " + mapping.fileColumns() + " 列 / has values in "
                                + cells.size() + " columns but the header has " + mapping.fileColumns());
                return;
            }
            String[] values = mapping.map(cells);
            if (values == null) return;
            dataRows++;
            try {
                sink.accept(row, values);
            } catch (IOException e) {
                throw new SinkFailure(e);
            }
        }
    }

    /** Dates as ISO text and numbers as plain decimals, instead of Excel's display formats. */
    private static final class PlainFormatter extends DataFormatter {

        private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime time = DateUtil.getLocalDateTime(value, false, true);
                return value == Math.floor(value) ? time.toLocalDate().toString() : time.format(DATE_TIME);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
