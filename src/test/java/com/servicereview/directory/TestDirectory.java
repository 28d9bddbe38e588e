package com.servicereview.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * A real LDAP server inside the test JVM (UnboundID's in-memory directory) on a free port, with a few people whose
 * directory passwords differ from the demo password. Its access log is kept, so a test can see which binds the
 * directory received.
 */
final class TestDirectory implements AutoCloseable {

    static final String BASE = "dc=example,dc=com";
    static final String PEOPLE = "ou=people," + BASE;
    static final String SERVICE_DN = "cn=service-review,ou=services," + BASE;
    static final String SERVICE_PASSWORD = "service-secret";
    /** Demo users in the directory, each with the password {@link #passwordOf} (never "demo"); wangfang is not in it. */
    static final List<String> DEMO_USERS = List.of(
            "zhangwei",
            "lina",
            "chengang",
            "wangjianguo",
            "zhaomin",
            "liuyang",
            "chenjing",
            "xulin",
            "sunjie",
            "mali",
            "zhouting",
            "admin");

    static final String ZHANGWEI_PASSWORD = passwordOf("zhangwei");
    static final String LINA_PASSWORD = passwordOf("lina");
    /** In the directory, not in Camunda. */
    static final String STRANGER_PASSWORD = "Stranger-1";
    /** Two entries with this uid under the search base. */
    static final String TWIN_PASSWORD = "Twin-1";
    /** Marked employeeType=leaver, excluded by a user-search-filter. */
    static final String LEAVER_PASSWORD = "Leaver-1";

    private final InMemoryDirectoryServer server;
    private final List<String> accessLog = new CopyOnWriteArrayList<>();

    private TestDirectory(InMemoryListenerConfig listener) throws LDAPException, LDIFException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(listener);
        config.setAccessLogHandler(new Handler() {
            @Override
            public void publish(LogRecord logRecord) {
                accessLog.add(logRecord.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=contractors,ou=people," + BASE, "objectClass: organizationalUnit", "ou: contractors");
        server.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
        person(SERVICE_DN, "service-review", SERVICE_PASSWORD, null);
        for (String id : DEMO_USERS) {
            person(dnOf(id), id, passwordOf(id), null);
        }
        person("uid=stranger," + PEOPLE, "stranger", STRANGER_PASSWORD, null);
        person("uid=twin," + PEOPLE, "twin", TWIN_PASSWORD, null);
        person("uid=twin,ou=contractors," + PEOPLE, "twin", TWIN_PASSWORD, null);
        person("uid=leaver," + PEOPLE, "leaver", LEAVER_PASSWORD, "leaver");
        server.startListening();
    }

    static TestDirectory ldap() throws LDAPException, LDIFException {
        return new TestDirectory(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    }

    static TestDirectory ldaps(SSLServerSocketFactory tls) throws LDAPException, LDIFException {
        return new TestDirectory(InMemoryListenerConfig.createLDAPSConfig("ldaps", 0, tls));
    }

    /** ldap:// that offers StartTLS. */
    static TestDirectory startTls(SSLSocketFactory tls) throws LDAPException, LDIFException {
        return new TestDirectory(InMemoryListenerConfig.createLDAPConfig("ldap", null, 0, tls));
    }

    private void person(String dn, String id, String password, String employeeType)
            throws LDAPException, LDIFException {
        List<String> ldif = new ArrayList<>(List.of(
                "dn: " + dn, "objectClass: inetOrgPerson", "cn: " + id, "sn: " + id, "userPassword: " + password));
        if (dn.startsWith("uid=")) ldif.add("uid: " + id);
        if (employeeType != null) ldif.add("employeeType: " + employeeType);
        server.add(ldif.toArray(String[]::new));
    }

    static String passwordOf(String id) {
        return id + "-Directory-1";
    }

    static String dnOf(String id) {
        return "uid=" + id + "," + PEOPLE;
    }

    int port() {
        return server.getListenPort();
    }

    String url() {
        return (server.getListenPort("ldaps") > 0 ? "ldaps" : "ldap") + "://localhost:" + port();
    }

    /** Settings with the service account, uid as the id attribute and no extra filter. */
    DirectoryProperties settings() {
        return settings(url(), SERVICE_DN, SERVICE_PASSWORD, null, null);
    }

    static DirectoryProperties settings(
            String url, String bindDn, String bindPassword, String filter, String trustStore) {
        return settings(url, bindDn, bindPassword, filter, trustStore, false);
    }

    static DirectoryProperties settings(
            String url, String bindDn, String bindPassword, String filter, String trustStore, boolean startTls) {
        return new DirectoryProperties(
                url,
                bindDn,
                bindPassword,
                PEOPLE,
                "uid",
                filter,
                startTls,
                trustStore,
                "changeit",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                List.of());
    }

    /** Bind requests the directory received for this DN so far. */
    long bindsOf(String dn) {
        return accessLog.stream()
                .filter(line -> line.contains("BIND REQUEST") && line.contains("dn=\"" + dn + "\""))
                .count();
    }

    List<String> accessLog() {
        return List.copyOf(accessLog);
    }

    void stop() {
        server.shutDown(true);
    }

    @Override
    public void close() {
        stop();
    }
}
