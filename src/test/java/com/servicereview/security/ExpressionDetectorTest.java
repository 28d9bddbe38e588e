package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExpressionDetectorTest {

    @Test
    void findsExpressionsInDecodedQueryParameters() {
        assertThat(ExpressionDetector.inQueryString("assignee=a&assigneeExpression=%24%7Bx%7D"))
                .isTrue();
        assertThat(ExpressionDetector.inQueryString("a=%23%7Bx%7D")).isTrue();
        assertThat(ExpressionDetector.inQueryString("%24%7Bname%7D=1")).isTrue();
        assertThat(ExpressionDetector.inQueryString("assignee=zhangwei&sortBy=created"))
                .isFalse();
        assertThat(ExpressionDetector.inQueryString(null)).isFalse();
    }

    @Test
    void rejectsBadlyEncodedQueryStrings() {
        assertThatThrownBy(() -> ExpressionDetector.inQueryString("a=%zz"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsExpressionsAnywhereInJson() throws IOException {
        assertThat(inJson("{\"orQueries\":[{\"x\":1},{\"assigneeExpression\":\"${a}\"}]}"))
                .isTrue();
        assertThat(inJson("{\"a\":{\"b\":[[\"#{c}\"]]}}")).isTrue();
        assertThat(inJson("{\"a\":\"\\u0024{c}\"}"))
                .as("JSON escapes are resolved")
                .isTrue();
        assertThat(inJson("{\"${key}\":1}")).as("field names count too").isTrue();
        assertThat(inJson("{\"assignee\":\"zhangwei\",\"priority\":5,\"orQueries\":[]}"))
                .isFalse();
        assertThat(inJson("")).isFalse();
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> inJson("{\"a\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> inJson("{'a':'${x}'}")).isInstanceOf(IOException.class);
    }

    private static boolean inJson(String json) throws IOException {
        return ExpressionDetector.inJson(json.getBytes(StandardCharsets.UTF_8));
    }
}
