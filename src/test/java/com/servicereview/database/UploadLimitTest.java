package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.unit.DataSize;

/** An import body larger than service-review.metrics.max-upload-size is refused before it is stored. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UploadLimitTest {

    @LocalServerPort
    int port;

    @Value("${service-review.metrics.max-upload-size}")
    DataSize limit;

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413() throws Exception {
        // Announced only: the server must answer without reading (or storing) the body.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/imports/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Authorization: Basic "
                            + Base64.getEncoder().encodeToString("zhaomin:demo".getBytes(StandardCharsets.UTF_8))
                            + "\r\n"
                            + "Content-Length: " + (limit.toBytes() + 1) + "\r\n\r\n[")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }
}
