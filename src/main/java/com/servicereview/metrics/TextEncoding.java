package com.servicereview.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The character set of an uploaded text file. Excel in China saves "CSV" as GBK, while other tools
 * write UTF-8 (Excel's "CSV UTF-8" with a byte-order mark). The file is decoded strictly as UTF-8
 * first; if that fails it is decoded strictly as GB18030 (a superset of GBK); if both fail the
 * import is refused. Chinese text in GBK is practically never valid UTF-8, so the guess is safe.
 */
final class TextEncoding {

    static final Charset GB18030 = Charset.forName("GB18030");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The decoded charset and how many leading bytes (a byte-order mark) to skip. */
    record Detected(Charset charset, int skip) {}

    /** Thrown when the file is in no encoding we read; the message says what to do. */
    static final class UnreadableEncodingException extends IOException {
        UnreadableEncodingException(String message) {
            super(message);
        }
    }

    private TextEncoding() {}

    static Detected detect(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 2
                && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                        || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            throw new UnreadableEncodingException(
                    "文件是 UTF-16 编码（Excel 的“Unicode 文本”），请另存为 CSV UTF-8 或 CSV / the file is UTF-16"
                            + " (Excel's \"Unicode text\"); save it as CSV UTF-8 or CSV");
        }
        int skip = n >= 3 && head[0] == UTF8_BOM[0] && head[1] == UTF8_BOM[1] && head[2] == UTF8_BOM[2] ? 3 : 0;
        long utf8Fault = firstFault(file, skip, StandardCharsets.UTF_8);
        if (utf8Fault < 0) return new Detected(StandardCharsets.UTF_8, skip);
        if (utf8Fault >= Files.size(file) - 3 && isUtf8LeadByte(file, utf8Fault)) {
            throw new UnreadableEncodingException(
                    "文件在一个 UTF-8 字符中间结束：被截断了 / the file ends in the middle of a UTF-8 character: it is truncated");
        }
        if (skip == 0 && firstFault(file, 0, GB18030) < 0) return new Detected(GB18030, 0);
        throw new UnreadableEncodingException("文件既不是 UTF-8 也不是 GBK/GB18030（第 " + utf8Fault
                + " 字节无法解码），请另存为 CSV UTF-8 / the file is neither UTF-8 nor GBK/GB18030 (byte " + utf8Fault
                + " cannot be decoded); save it as CSV UTF-8");
    }

    /** A byte that starts a multi-byte UTF-8 character: the file was cut inside that character. */
    private static boolean isUtf8LeadByte(Path file, long offset) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            int b = in.read();
            return b >= 0xC2 && b <= 0xF4;
        }
    }

    /** The offset of the first byte that does not decode, or -1 when the whole file decodes. */
    private static long firstFault(Path file, int skip, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long consumed = skip;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(skip);
            boolean end = false;
            while (!end) {
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = read < 0;
                if (!end) bytes.position(bytes.position() + read);
                bytes.flip();
                CoderResult result;
                do {
                    int before = bytes.position();
                    result = decoder.decode(bytes, chars, end);
                    consumed += bytes.position() - before;
                    if (result.isError()) return consumed;
                    chars.clear();
                } while (result.isOverflow());
                bytes.compact();
            }
            return decoder.flush(chars).isError() ? consumed : -1;
        }
    }
}
