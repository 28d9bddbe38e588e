package com.servicereview.directory;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code service-review.identity.ldap.*}: where people's passwords are checked. Directory login is on when
 * {@code url} is set; everything else about a person (groups, memberships, lock state) stays in Camunda.
 *
 * @param url               {@code ldap://host:389} or {@code ldaps://host:636}; several separated by spaces are
 *                          tried in turn (e.g. two domain controllers), all with the same scheme
 * @param bindDn            the service account that searches for a person's entry; empty = anonymous search
 * @param bindPassword      its password
 * @param userSearchBase    where people's entries are searched (whole subtree)
 * @param userIdAttribute   the attribute that holds the Camunda user id: {@code uid} (OpenLDAP),
 *                          {@code sAMAccountName} (Active Directory)
 * @param userSearchFilter  an optional filter the entry must also match, e.g. {@code (objectClass=inetOrgPerson)}
 * @param startTls          upgrade an {@code ldap://} connection with StartTLS before anything is sent
 * @param trustStore        a PKCS#12 or JKS file with the directory's CA; empty = the JVM's trusted CAs
 * @param trustStorePassword its password, if it has one
 * @param connectTimeout    how long to wait for a connection
 * @param responseTimeout   how long to wait for each answer
 * @param localUsers        Camunda users whose password Camunda itself checks (break-glass administrator,
 *                          technical accounts); the directory is never asked about them
 */
@ConfigurationProperties("service-review.identity.ldap")
public record DirectoryProperties(
        String url,
        String bindDn,
        String bindPassword,
        String userSearchBase,
        String userIdAttribute,
        String userSearchFilter,
        boolean startTls,
        String trustStore,
        String trustStorePassword,
        Duration connectTimeout,
        Duration responseTimeout,
        List<String> localUsers) {

    public DirectoryProperties {
        url = trimToNull(url);
        bindDn = trimToNull(bindDn);
        userSearchBase = trimToNull(userSearchBase);
        userIdAttribute = trimToNull(userIdAttribute) == null ? "uid" : userIdAttribute.trim();
        userSearchFilter = trimToNull(userSearchFilter);
        trustStore = trimToNull(trustStore);
        if (connectTimeout == null) connectTimeout = Duration.ofSeconds(5);
        if (responseTimeout == null) responseTimeout = Duration.ofSeconds(10);
        localUsers = localUsers == null
                ? List.of()
                : localUsers.stream()
                        .map(String::trim)
                        .filter(id -> !id.isEmpty())
                        .toList();
    }

    /** Without a URL nothing changes: Camunda checks the passwords it stores. */
    public boolean enabled() {
        return url != null;
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Keeps the service account's password out of logs. */
    @Override
    public String toString() {
        return "DirectoryProperties[url=" + url + ", bindDn=" + bindDn + ", userSearchBase=" + userSearchBase
                + ", userIdAttribute=" + userIdAttribute + ", userSearchFilter=" + userSearchFilter + ", startTls="
                + startTls
                + ", trustStore=" + trustStore + ", localUsers=" + localUsers + "]";
    }
}
