package com.servicereview.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The digest a staged row is recognised by in a later import (V27): SHA-256, cut to 128 bits, of the row's values as
 * read from the file, after a digest of the rules they are judged and stored by. Each value is encoded with its
 * length and null apart from empty, so no two different rows share an encoding; the rules go in, so rows stored under
 * other rules (a stricter scheme, a new default) are compared afresh.
 */
final class RowDigest {

    private static final int BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256 = sha256();
    private final byte[] rules;
    private byte[] buffer = new byte[1024];

    /** {@code rules}: the SQL that judges and stores the record type's rows, with its vocabulary. */
    RowDigest(String rules) {
        this.rules = sha256().digest(rules.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends the digest of {@code values} in hex (32 characters). */
    void appendTo(StringBuilder out, String[] values) {
        int length = 0;
        for (String value : values) {
            int chars = value == null ? 0 : value.length();
            if (buffer.length < length + 5 + 2 * chars) buffer = Arrays.copyOf(buffer, 2 * (length + 5 + 2 * chars));
            if (value == null) {
                buffer[length++] = 0;
                continue;
            }
            buffer[length++] = 1;
            buffer[length++] = (byte) (chars >>> 24);
            buffer[length++] = (byte) (chars >>> 16);
            buffer[length++] = (byte) (chars >>> 8);
            buffer[length++] = (byte) chars;
            for (int i = 0; i < chars; i++) {
                char c = value.charAt(i);
                buffer[length++] = (byte) (c >>> 8);
                buffer[length++] = (byte) c;
            }
        }
        sha256.update(rules);
        sha256.update(buffer, 0, length);
        HEX.formatHex(out, sha256.digest(), 0, BYTES);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
