package com.servicereview.directory;

import static com.servicereview.directory.DirectoryAuthenticator.Outcome.ACCEPTED;
import static com.servicereview.directory.DirectoryAuthenticator.Outcome.REJECTED;
import static com.servicereview.directory.DirectoryAuthenticator.Outcome.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory check against a real in-process LDAP server: who gets in, who does not, and what an outage does. */
class DirectoryAuthenticatorTest {

    private static TestDirectory directory;
    private static DirectoryAuthenticator authenticator;

    @BeforeAll
    static void startDirectory() throws Exception {
        directory = TestDirectory.ldap();
        authenticator = new DirectoryAuthenticator(directory.settings());
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    @Test
    void theDirectoryPasswordIsAcceptedAndAWrongOneIsNot() {
        assertThat(authenticator.authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(ACCEPTED);
        assertThat(authenticator.authenticate("zhangwei", "demo")).isEqualTo(REJECTED);
        assertThat(authenticator.authenticate("zhangwei", TestDirectory.LINA_PASSWORD))
                .isEqualTo(REJECTED);
        assertThat(authenticator.authenticate("lina", TestDirectory.LINA_PASSWORD))
                .isEqualTo(ACCEPTED);
    }

    /** A simple bind with a DN and an empty password is an anonymous bind, which directories accept. */
    @Test
    void anEmptyPasswordNeverReachesTheDirectory() {
        String dn = "uid=zhangwei," + TestDirectory.PEOPLE;
        long before = directory.bindsOf(dn);

        assertThat(authenticator.authenticate("zhangwei", "")).isEqualTo(REJECTED);
        assertThat(authenticator.authenticate("zhangwei", null)).isEqualTo(REJECTED);
        assertThat(authenticator.authenticate("", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(REJECTED);

        assertThat(directory.bindsOf(dn)).isEqualTo(before);
        assertThat(authenticator.authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(ACCEPTED);
        assertThat(directory.bindsOf(dn)).isEqualTo(before + 1);
    }

    @Test
    void someoneWithoutAnEntryIsRefused() {
        assertThat(authenticator.authenticate("wangfang", "demo")).isEqualTo(REJECTED);
        assertThat(authenticator.authenticate("ZHANGWEI ", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(REJECTED);
    }

    /** The id is an assertion value, never filter syntax: wildcards and parentheses match nothing. */
    @Test
    void filterSyntaxInTheUserIdMatchesNothing() {
        for (String injected : List.of(
                "*",
                "zhang*",
                "zhangwei)(uid=*",
                "*)(|(uid=zhangwei",
                "zhangwei)(|(objectClass=*)",
                "\\2a",
                "zhangwei\u0000")) {
            assertThat(authenticator.authenticate(injected, TestDirectory.ZHANGWEI_PASSWORD))
                    .as(injected)
                    .isEqualTo(REJECTED);
        }
        assertThat(directory.accessLog()).anyMatch(line -> line.contains("filter=\"(uid=zhangwei\\29\\28uid=\\2a)\""));
    }

    @Test
    void twoEntriesWithOneIdAreRefused() {
        assertThat(authenticator.authenticate("twin", TestDirectory.TWIN_PASSWORD))
                .isEqualTo(REJECTED);
    }

    /** For example Active Directory's disabled accounts: (!(userAccountControl:1.2.840.113556.1.4.803:=2)). */
    @Test
    void theUserSearchFilterExcludesEntries() {
        assertThat(authenticator.authenticate("leaver", TestDirectory.LEAVER_PASSWORD))
                .isEqualTo(ACCEPTED);
        DirectoryAuthenticator filtered = new DirectoryAuthenticator(TestDirectory.settings(
                directory.url(),
                TestDirectory.SERVICE_DN,
                TestDirectory.SERVICE_PASSWORD,
                "(!(employeeType=leaver))",
                null));

        assertThat(filtered.authenticate("leaver", TestDirectory.LEAVER_PASSWORD))
                .isEqualTo(REJECTED);
        assertThat(filtered.authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(ACCEPTED);
    }

    @Test
    void withoutAServiceAccountTheSearchIsAnonymous() {
        DirectoryAuthenticator anonymous =
                new DirectoryAuthenticator(TestDirectory.settings(directory.url(), null, null, null, null));

        assertThat(anonymous.authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(ACCEPTED);
        assertThat(anonymous.authenticate("zhangwei", "demo")).isEqualTo(REJECTED);
    }

    /** The service account's failure is the operator's problem, not a wrong password of the person logging in. */
    @Test
    void aRefusedServiceAccountMakesTheDirectoryUnavailable() {
        DirectoryAuthenticator misconfigured = new DirectoryAuthenticator(
                TestDirectory.settings(directory.url(), TestDirectory.SERVICE_DN, "not-the-password", null, null));

        assertThat(misconfigured.authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(UNAVAILABLE);
    }

    @Test
    void aDirectoryThatIsDownIsUnavailableAndAFailoverURLIsTried() throws IOException {
        String closed = "ldap://localhost:" + freePort();
        DirectoryAuthenticator down = new DirectoryAuthenticator(
                TestDirectory.settings(closed, TestDirectory.SERVICE_DN, TestDirectory.SERVICE_PASSWORD, null, null));
        long start = System.nanoTime();

        assertThat(down.authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        DirectoryAuthenticator failover = new DirectoryAuthenticator(TestDirectory.settings(
                closed + " " + directory.url(), TestDirectory.SERVICE_DN, TestDirectory.SERVICE_PASSWORD, null, null));
        assertThat(failover.authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                .isEqualTo(ACCEPTED);
    }

    /**
     * ldaps:// and StartTLS with the directory's certificate in the trust store, connecting to an address the
     * certificate names; an untrusted certificate, or one that does not name the host connected to, sends nothing.
     */
    @Test
    void tlsNeedsATrustedCertificateForTheHost(@TempDir Path temp) throws Exception {
        File keyStore = temp.resolve("directory.p12").toFile();
        SelfSignedCertificateGenerator.generateSelfSignedCertificate(
                "test", keyStore, "changeit", "PKCS12", "directory");
        SSLUtil serverTls =
                new SSLUtil(new KeyStoreKeyManager(keyStore, "changeit".toCharArray(), "PKCS12", "directory"), null);
        X509Certificate certificate = certificateOf(keyStore);
        Path trustStore = trustStoreWith(certificate, temp.resolve("trust.p12"));
        // The generator names this machine's own addresses; "localhost" is not among them.
        String namedAddress = certificate.getSubjectAlternativeNames().stream()
                .filter(name ->
                        (Integer) name.get(0) == 7 && !name.get(1).toString().contains(":"))
                .map(name -> name.get(1).toString())
                .findFirst()
                .orElseThrow();
        try (TestDirectory secure = TestDirectory.ldaps(serverTls.createSSLServerSocketFactory())) {
            String named = "ldaps://" + namedAddress + ":" + secure.port();
            String unnamed = "ldaps://localhost:" + secure.port();

            assertThat(ldaps(named, trustStore).authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                    .isEqualTo(ACCEPTED);
            assertThat(ldaps(unnamed, trustStore).authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                    .isEqualTo(UNAVAILABLE);
            assertThat(ldaps(named, null).authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                    .isEqualTo(UNAVAILABLE);
            assertThat(secure.bindsOf(TestDirectory.SERVICE_DN)).isEqualTo(1);
        }
        try (TestDirectory upgraded = TestDirectory.startTls(serverTls.createSSLSocketFactory())) {
            String named = "ldap://" + namedAddress + ":" + upgraded.port();
            String unnamed = "ldap://localhost:" + upgraded.port();

            assertThat(startTls(named, trustStore).authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                    .isEqualTo(ACCEPTED);
            assertThat(startTls(unnamed, trustStore).authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                    .isEqualTo(UNAVAILABLE);
            assertThat(startTls(named, null).authenticate("zhangwei", TestDirectory.ZHANGWEI_PASSWORD))
                    .isEqualTo(UNAVAILABLE);
            assertThat(upgraded.bindsOf(TestDirectory.SERVICE_DN)).isEqualTo(1);
        }
    }

    private static DirectoryAuthenticator ldaps(String url, Path trustStore) {
        return new DirectoryAuthenticator(TestDirectory.settings(
                url,
                TestDirectory.SERVICE_DN,
                TestDirectory.SERVICE_PASSWORD,
                null,
                trustStore == null ? null : trustStore.toString()));
    }

    private static DirectoryAuthenticator startTls(String url, Path trustStore) {
        return new DirectoryAuthenticator(TestDirectory.settings(
                url,
                TestDirectory.SERVICE_DN,
                TestDirectory.SERVICE_PASSWORD,
                null,
                trustStore == null ? null : trustStore.toString(),
                true));
    }

    private static X509Certificate certificateOf(File keyStoreFile) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile.toPath())) {
            keyStore.load(in, "changeit".toCharArray());
        }
        return (X509Certificate) keyStore.getCertificate("directory");
    }

    /** What operations put in trust-store: the directory's (CA) certificate as a trusted entry, no private key. */
    private static Path trustStoreWith(X509Certificate certificate, Path trustStoreFile) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("directory", certificate);
        try (OutputStream out = Files.newOutputStream(trustStoreFile)) {
            trustStore.store(out, "changeit".toCharArray());
        }
        return trustStoreFile;
    }

    @Test
    void wrongSettingsAreNamedAtStart() {
        assertThatThrownBy(() -> new DirectoryAuthenticator(new DirectoryProperties(
                        "ldap://localhost", null, null, null, null, null, false, null, null, null, null, null)))
                .hasMessage("service-review.identity.ldap.user-search-base is required");
        assertThatThrownBy(() -> new DirectoryAuthenticator(
                        TestDirectory.settings("ldap://localhost", TestDirectory.SERVICE_DN, "", null, null)))
                .hasMessage("service-review.identity.ldap.bind-password is required with bind-dn");
        assertThatThrownBy(() -> new DirectoryAuthenticator(
                        TestDirectory.settings("ldap://localhost", null, null, "(uid=", null)))
                .hasMessageStartingWith("service-review.identity.ldap.user-search-filter is not an LDAP filter");
        assertThatThrownBy(() ->
                        new DirectoryAuthenticator(TestDirectory.settings("http://localhost", null, null, null, null)))
                .hasMessageStartingWith(
                        "service-review.identity.ldap.url \"http://localhost\" is not an ldap:// or ldaps:// URL");
        assertThatThrownBy(() -> new DirectoryAuthenticator(
                        TestDirectory.settings("ldap://a ldaps://b", null, null, null, null)))
                .hasMessage("service-review.identity.ldap.url mixes ldap:// and ldaps://");
        assertThatThrownBy(() -> new DirectoryAuthenticator(new DirectoryProperties(
                        "ldaps://localhost",
                        null,
                        null,
                        TestDirectory.PEOPLE,
                        null,
                        null,
                        true,
                        null,
                        null,
                        null,
                        null,
                        null)))
                .hasMessageStartingWith("service-review.identity.ldap.start-tls is for ldap:// URLs");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
