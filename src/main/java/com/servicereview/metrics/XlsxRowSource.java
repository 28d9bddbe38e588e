package com.servicereview.metrics;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

/**
 * The first sheet of an .xlsx workbook, read with POI's streaming SAX reader (XSSFSheetXMLHandler):
 * only the shared-strings table is held in memory, never the sheet. The first non-empty row is the
 * header; rows keep Excel's numbers. Date cells become ISO text (2021-03-05 14:30:00) and numbers
 * plain decimals, whatever their display format, so they parse like CSV text.
 */
final class XlsxRowSource implements RowSource {

    private final Path file;
    private final RecordType type;

    XlsxRowSource(Path file, RecordType type) {
        this.file = file;
        this.type = type;
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
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                errors.add(0, null, null, "the workbook has no sheet");
                return;
            }
            Rows rows = new Rows(sink, errors);
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                    new ReadOnlySharedStringsTable(workbook), rows, new PlainFormatter(), false));
            try (InputStream sheet = sheets.next()) {
                parser.parse(new InputSource(sheet));
            }
            if (!rows.sawHeader) {
                errors.add(0, null, null, "the file is empty");
            } else if (rows.dataRows == 0 && errors.isEmpty()) {
                errors.add(0, null, null, "the file has a header but no data rows");
            }
        } catch (SinkFailure e) {
            throw e.getCause();
        } catch (IOException | SAXException | OpenXML4JException | ParserConfigurationException | RuntimeException e) {
            errors.add(0, null, null, unreadable(e));
        }
    }

    private static String unreadable(Exception e) {
        return "the .xlsx file cannot be read (damaged or truncated?): " + e.getMessage();
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
                errors.add(row, null, null, "has values in " + cells.size() + " columns but the header has " + mapping.fileColumns());
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
