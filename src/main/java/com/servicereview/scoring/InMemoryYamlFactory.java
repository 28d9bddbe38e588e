package com.servicereview.scoring;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * Parses YAML (and JSON) text in time linear in its length. SnakeYAML's own {@link StreamReader}
 * refills a 1 KB buffer by copying everything from the start of the current token, so one long
 * token — a comment, a scalar — costs time quadratic in its length (a 10 MB comment took 39 s).
 * Text parsers of this factory (every {@code createParser(String | Reader)}) read the whole text
 * once and scan it with {@link WholeTextReader}, which never copies.
 */
final class InMemoryYamlFactory extends YAMLFactory {

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) text.append(buffer, 0, n);
        return new Parser(
                context,
                _parserFeatures,
                _yamlParserFeatures,
                _objectCodec,
                reader,
                new ParserImpl(
                        new WholeTextReader(text), _loaderOptions == null ? new LoaderOptions() : _loaderOptions));
    }

    /** Only to reach YAMLParser's constructor that takes a ready SnakeYAML parser. */
    private static final class Parser extends YAMLParser {
        Parser(
                IOContext context,
                int parserFeatures,
                int yamlFeatures,
                ObjectCodec codec,
                Reader reader,
                ParserImpl yaml) {
            super(context, parserFeatures, yamlFeatures, codec, reader, yaml);
        }
    }

    /**
     * SnakeYAML's reader contract — the same positions, line breaks and printable-character check —
     * over the text's code points decoded once. The base class's own buffer stays empty: every
     * public method is answered here.
     */
    static final class WholeTextReader extends StreamReader {

        private static final String NAME = "'reader'";

        private final int[] data;
        /** Where readable data ends: the text's end, or its first non-printable code point. */
        private final int end;

        private int index;
        private int documentIndex;
        private int line;
        private int column;

        WholeTextReader(CharSequence text) {
            super(Reader.nullReader());
            int[] codePoints = new int[text.length()];
            int length = 0;
            int firstBad = -1;
            for (int i = 0; i < text.length(); length++) {
                int c = Character.codePointAt(text, i);
                codePoints[length] = c;
                if (firstBad < 0 && !isPrintable(c)) firstBad = length;
                i += Character.charCount(c);
            }
            data = length == codePoints.length ? codePoints : Arrays.copyOf(codePoints, length);
            end = firstBad < 0 ? length : firstBad;
        }

        /**
         * Whether the code point at {@code index + offset} exists. Reaching a non-printable one fails
         * as SnakeYAML fails: lazily, inside the parse, where Jackson reports it with its line.
         */
        private boolean has(int offset) {
            if (index + offset < end) return true;
            if (end < data.length)
                throw new ReaderException(NAME, end, data[end], "special characters are not allowed");
            return false;
        }

        @Override
        public Mark getMark() {
            return new Mark(NAME, index, line, column, data, index);
        }

        @Override
        public void forward() {
            forward(1);
        }

        @Override
        public void forward(int length) {
            for (int i = 0; i < length && has(0); i++) {
                int c = data[index++];
                documentIndex++;
                if (Constant.LINEBR.has(c) || (c == '\r' && has(0) && data[index] != '\n')) {
                    line++;
                    column = 0;
                } else if (c != 0xFEFF) {
                    column++;
                }
            }
        }

        @Override
        public int peek() {
            return has(0) ? data[index] : '\0';
        }

        @Override
        public int peek(int offset) {
            return has(offset) ? data[index + offset] : '\0';
        }

        @Override
        public String prefix(int length) {
            if (length == 0) return "";
            return new String(data, index, has(length) ? length : Math.min(length, end - index));
        }

        @Override
        public String prefixForward(int length) {
            String prefix = prefix(length);
            index += length;
            documentIndex += length;
            column += length;
            return prefix;
        }

        @Override
        public int getColumn() {
            return column;
        }

        @Override
        public int getDocumentIndex() {
            return documentIndex;
        }

        @Override
        public void resetDocumentIndex() {
            documentIndex = 0;
        }

        @Override
        public int getIndex() {
            return index;
        }

        @Override
        public int getLine() {
            return line;
        }
    }
}
