package com.servicereview.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** User id and password from an HTTP Basic {@code Authorization} header. */
record BasicCredentials(String userId, String password) {

    private static final String SCHEME = "Basic ";

    /** @return empty when the header is missing, not Basic, or malformed */
    static Optional<BasicCredentials> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(header.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "BasicCredentials[userId=" + userId + "]";
    }
}
