package com.servicereview.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A JSON array of objects, one object a row, keyed by column name; values are strings, numbers,
 * booleans or null. Streamed token by token. Rows are numbered by position in the array (from 1).
 * A key that is no column of the type is an error, like an unknown header in a file. The array is
 * the whole document, or the member {@code member} of a top-level object (the organisation's
 * {@code {"units": [...], "people": [...]}}); a missing member reads as no rows.
 */
public final class JsonRowSource implements RowSource {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final RowLayout type;
    private final String member;

    JsonRowSource(Path file, RowLayout type) {
        this(file, type, null);
    }

    public JsonRowSource(Path file, RowLayout type, String member) {
        this.file = file;
        this.type = type;
        this.member = member;
    }

    @Override
    public void read(RowSink sink, ImportErrors errors) throws IOException {
        List<String> names = type.columnNames();
        long row = 0;
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                errors.add(0, null, null, "请求体为空 / the body is empty");
                return;
            }
            if (member != null) {
                if (token != JsonToken.START_OBJECT) {
                    errors.add(
                            0,
                            null,
                            null,
                            "请求体必须是含成员 \"" + member + "\" 的 JSON 对象 / the body must be a JSON object with the member \""
                                    + member + "\"");
                    return;
                }
                if (!findMember(parser)) return;
                token = parser.nextToken();
            }
            if (token != JsonToken.START_ARRAY) {
                if (member != null) {
                    errors.add(0, member, null, "必须是由对象组成的 JSON 数组 / must be a JSON array of objects");
                    return;
                }
                errors.add(0, null, null, "请求体必须是由对象组成的 JSON 数组 / the body must be a JSON array of objects");
                return;
            }
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                row++;
                if (token != JsonToken.START_OBJECT) {
                    errors.add(row, null, null, "不是 JSON 对象 / is not a JSON object");
                    parser.skipChildren();
                    continue;
                }
                String[] values = new String[names.size()];
                boolean valid = true;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = HeaderMapping.normalise(parser.currentName());
                    JsonToken value = parser.nextToken();
                    int index = type.columnIndex(name);
                    if (index < 0) {
                        errors.add(row, parser.currentName(), null, HeaderMapping.notAColumn(type, names));
                        valid = false;
                    } else if (value.isStructStart()) {
                        errors.add(row, name, null, "必须是单个值，不能是对象或数组 / must be a single value, not an object or array");
                        valid = false;
                    }
                    if (value.isStructStart()) {
                        parser.skipChildren();
                    } else if (index >= 0 && value != JsonToken.VALUE_NULL) {
                        String text = parser.getText().strip();
                        values[index] = text.isEmpty() ? null : text;
                    }
                }
                if (valid) sink.accept(row, values);
            }
            if (member == null && parser.nextToken() != null) {
                errors.add(0, null, null, "数组的结尾 ] 之后还有内容 / there is more after the closing ] of the array");
            } else if (member == null && row == 0) {
                errors.add(0, null, null, "数组为空 / the array is empty");
            }
            if (member != null) skipToEnd(parser);
        } catch (JsonEOFException e) {
            errors.add(row, null, null, "JSON 提前结束：请求体被截断了 / the JSON ends early: the body is truncated");
        } catch (JsonParseException e) {
            errors.add(
                    row,
                    null,
                    null,
                    "第 " + e.getLocation().getLineNr() + " 行第 "
                            + e.getLocation().getColumnNr()
                            + " 列不是有效的 JSON / is not valid JSON at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    /** Moves the parser onto the value of {@code member} in the top-level object; false if it has none. */
    private boolean findMember(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (member.equals(parser.currentName())) return true;
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }

    /** Reads the rest of the document, so that a truncated or damaged one is refused whichever member is read. */
    private static void skipToEnd(JsonParser parser) throws IOException {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            parser.skipChildren();
        }
    }
}
