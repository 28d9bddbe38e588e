package com.servicereview.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A browser logged in to Tasklist through the web apps' real login endpoint (as security.WebappSessionApiTest does):
 * it keeps the session cookie and sends nothing else, so the console sees the web-app session alone.
 */
final class WebappBrowser {

    private final HttpClient client =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String baseUrl;

    private WebappBrowser(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    static WebappBrowser loggedIn(int port, String user) {
        WebappBrowser browser = new WebappBrowser(port);
        browser.get("/camunda/app/tasklist/");
        HttpResponse<String> login = browser.send(browser.request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", browser.csrfCookie())
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")));
        assertThat(login.statusCode()).as("login of " + user).isEqualTo(200);
        return browser;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).header("Accept", "text/html").GET());
    }

    /** GETs a page and checks its status; returns its HTML. */
    String page(String path, int status) {
        HttpResponse<String> answer = get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(status);
        return answer.body();
    }

    private String csrfCookie() {
        return ((CookieManager) client.cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                        .map(HttpCookie::getValue)
                        .reduce((first, last) -> last)
                        .orElseThrow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
