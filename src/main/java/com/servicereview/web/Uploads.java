package com.servicereview.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** Uploaded files kept as copies of our own, for the imports of service records and of the organisation. */
public final class Uploads {

    private Uploads() {}

    /**
     * Copies a request body (a JSON import) to {@code target}, refusing it with 413 beyond {@code maxBytes}: multipart
     * parts are capped by spring.servlet.multipart, a body (maybe chunked) only here.
     */
    public static void copyBody(HttpServletRequest request, Path target, long maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) throw tooLarge(maxBytes);
        try (InputStream in = request.getInputStream();
                OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read; (read = in.read(buffer)) > 0; ) {
                total += read;
                if (total > maxBytes) throw tooLarge(maxBytes);
                out.write(buffer, 0, read);
            }
        }
    }

    /** The uploaded file's own name, else {@code fallback}: errors name the file people sent. */
    public static String fileName(MultipartFile file, String fallback) {
        String name = file.getOriginalFilename();
        return name == null || name.isBlank() ? fallback : name;
    }

    private static ResponseStatusException tooLarge(long maxBytes) {
        return new ResponseStatusException(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "the upload is larger than service-review.metrics.max-upload-size (" + maxBytes + " bytes)");
    }
}
