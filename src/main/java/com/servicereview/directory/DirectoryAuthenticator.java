package com.servicereview.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a person's password against an LDAP directory or Active Directory: finds their entry by user id with
 * the service account, then binds as that entry with the given password. One short-lived connection per check;
 * nothing is cached, no password is kept.
 */
public final class DirectoryAuthenticator {

    /** What the directory said. */
    public enum Outcome {
        /** The directory accepted the password. */
        ACCEPTED,
        /** No such person, more than one, or the directory refused the password (wrong, expired, account disabled). */
        REJECTED,
        /** The directory could not be asked (down, timed out, TLS failed, service account refused): nobody's fault. */
        UNAVAILABLE
    }

    private static final Logger log = LoggerFactory.getLogger(DirectoryAuthenticator.class);

    private final FailoverServerSet servers;
    private final String bindDn;
    private final String bindPassword;
    private final DN searchBase;
    private final String idAttribute;
    private final Filter extraFilter;
    private final int timeLimitSeconds;
    private final String description;

    /** @throws IllegalArgumentException naming the setting that is wrong */
    public DirectoryAuthenticator(DirectoryProperties settings) {
        if (!settings.enabled()) throw new IllegalArgumentException("service-review.identity.ldap.url is not set");
        List<LDAPURL> urls = parseUrls(settings.url());
        boolean ldaps = urls.get(0).getScheme().equals("ldaps");
        if (urls.stream().anyMatch(url -> !url.getScheme().equals(urls.get(0).getScheme()))) {
            throw invalid("url", "mixes ldap:// and ldaps://");
        }
        if (ldaps && settings.startTls())
            throw invalid("start-tls", "is for ldap:// URLs; ldaps:// is already encrypted");
        if (settings.userSearchBase() == null) throw invalid("user-search-base", "is required");
        if (settings.bindDn() != null
                && (settings.bindPassword() == null || settings.bindPassword().isEmpty())) {
            // A DN with an empty password is an anonymous bind on most servers: it would "succeed" as nobody.
            throw invalid("bind-password", "is required with bind-dn");
        }
        // bind-dn is not checked: Active Directory also takes svc@corp.example.com there.
        try {
            this.searchBase = new DN(settings.userSearchBase());
        } catch (LDAPException e) {
            throw invalid("user-search-base", "is not a DN: " + e.getMessage());
        }
        try {
            this.extraFilter = settings.userSearchFilter() == null ? null : Filter.create(settings.userSearchFilter());
        } catch (LDAPException e) {
            throw invalid("user-search-filter", "is not an LDAP filter: " + e.getMessage());
        }
        this.bindDn = settings.bindDn();
        this.bindPassword = settings.bindPassword();
        this.idAttribute = settings.userIdAttribute();
        this.timeLimitSeconds = (int) Math.max(1, settings.responseTimeout().toSeconds());

        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        options.setFollowReferrals(false);
        options.setUseSynchronousMode(true);
        // The certificate must name the host we connected to, not just chain to a trusted CA.
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        String[] hosts = urls.stream().map(LDAPURL::getHost).toArray(String[]::new);
        int[] ports = urls.stream().mapToInt(LDAPURL::getPort).toArray();
        SSLUtil tls = (ldaps || settings.startTls()) ? new SSLUtil(trustManager(settings)) : null;
        try {
            if (ldaps) {
                this.servers = new FailoverServerSet(hosts, ports, tls.createSSLSocketFactory(), options);
            } else if (settings.startTls()) {
                this.servers = new FailoverServerSet(
                        hosts,
                        ports,
                        null,
                        options,
                        null,
                        new StartTLSPostConnectProcessor(tls.createSSLSocketFactory()));
            } else {
                this.servers = new FailoverServerSet(hosts, ports, options);
            }
        } catch (GeneralSecurityException e) {
            throw invalid("trust-store", "cannot be used: " + e.getMessage());
        }
        this.description = settings.url() + (settings.startTls() ? " (StartTLS)" : "");
        if (!ldaps && !settings.startTls()) {
            log.warn(
                    "Directory login over {} without TLS: passwords cross the network in clear text. "
                            + "Use ldaps:// or service-review.identity.ldap.start-tls=true outside a test setup.",
                    description);
        }
    }

    /**
     * @param userId   the Camunda user id, matched against the id attribute (escaped, never parsed as a filter)
     * @param password never empty: an empty password would be an anonymous bind, which directories accept
     */
    public Outcome authenticate(String userId, String password) {
        if (userId == null || userId.isEmpty() || password == null || password.isEmpty()) {
            return Outcome.REJECTED;
        }
        try (LDAPConnection connection = servers.getConnection()) {
            if (bindDn != null) {
                try {
                    connection.bind(bindDn, bindPassword);
                } catch (LDAPException e) {
                    if (!e.getResultCode().isConnectionUsable()) throw e;
                    log.error(
                            "Directory login for {} not possible: the service account {} cannot bind to {}: {}",
                            printable(userId),
                            bindDn,
                            description,
                            reason(e));
                    return Outcome.UNAVAILABLE;
                }
            }
            String entryDn = findEntry(connection, userId);
            if (entryDn == null) return Outcome.REJECTED;
            try {
                connection.bind(new SimpleBindRequest(entryDn, password));
                return Outcome.ACCEPTED;
            } catch (LDAPException e) {
                if (!e.getResultCode().isConnectionUsable()) throw e;
                // Wrong password, or (Active Directory, in the message) expired, disabled, locked: data
                // 52e/532/533/775.
                log.info("Directory refused the password of {} ({}): {}", printable(userId), entryDn, reason(e));
                return Outcome.REJECTED;
            }
        } catch (LDAPException e) {
            log.warn(
                    "Directory login for {} not possible: directory {} unavailable: {}",
                    printable(userId),
                    description,
                    reason(e));
            return Outcome.UNAVAILABLE;
        }
    }

    /**
     * @return the DN of the one entry whose id is this user id (apart from letter case, as directories compare ids),
     *         or null when there is none or more than one
     */
    private String findEntry(LDAPConnection connection, String userId) throws LDAPException {
        Filter byId = Filter.createEqualityFilter(idAttribute, userId);
        SearchRequest search = new SearchRequest(
                searchBase.toString(),
                SearchScope.SUB,
                extraFilter == null ? byId : Filter.createANDFilter(byId, extraFilter),
                idAttribute);
        search.setSizeLimit(2);
        search.setTimeLimitSeconds(timeLimitSeconds);
        List<SearchResultEntry> entries;
        try {
            entries = connection.search(search).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                entries = e.getSearchEntries();
            } else {
                if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                    log.error(
                            "Directory login for {} not possible: user-search-base {} does not exist in {}",
                            printable(userId),
                            searchBase,
                            description);
                }
                throw e;
            }
        }
        // The directory's matching rule also ignores spaces at either end and runs of spaces: "zhangwei " finds
        // zhangwei.
        List<SearchResultEntry> same = entries.stream()
                .filter(entry -> Arrays.stream(
                                entry.getAttributeValues(idAttribute) == null
                                        ? new String[0]
                                        : entry.getAttributeValues(idAttribute))
                        .anyMatch(userId::equalsIgnoreCase))
                .toList();
        if (same.size() == 1) return same.get(0).getDN();
        if (same.size() > 1) {
            log.warn(
                    "Directory login refused for {}: more than one entry under {} has {}={}",
                    printable(userId),
                    searchBase,
                    idAttribute,
                    printable(userId));
        } else {
            log.info(
                    "Directory login refused for {}: no entry under {} has {}={}{}",
                    printable(userId),
                    searchBase,
                    idAttribute,
                    printable(userId),
                    extraFilter == null ? "" : " and matches " + extraFilter);
        }
        return null;
    }

    /** A user id as it may go into a log line: no line breaks or other control characters. */
    private static String printable(String userId) {
        return userId.replaceAll("\\p{Cntrl}", "?");
    }

    private static String reason(LDAPException e) {
        String detail =
                e.getDiagnosticMessage() == null || e.getDiagnosticMessage().isBlank()
                        ? e.getMessage()
                        : e.getDiagnosticMessage();
        return e.getResultCode() + (detail == null || detail.isBlank() ? "" : " — " + detail);
    }

    private static List<LDAPURL> parseUrls(String urls) {
        return Arrays.stream(urls.split("[\\s,]+"))
                .map(url -> {
                    try {
                        return new LDAPURL(url);
                    } catch (LDAPException e) {
                        throw invalid("url", "\"" + url + "\" is not an ldap:// or ldaps:// URL: " + e.getMessage());
                    }
                })
                .toList();
    }

    private static TrustManager trustManager(DirectoryProperties settings) {
        if (settings.trustStore() == null) return JVMDefaultTrustManager.getInstance();
        char[] password = settings.trustStorePassword() == null
                ? null
                : settings.trustStorePassword().toCharArray();
        return new TrustStoreTrustManager(settings.trustStore(), password, null, true);
    }

    private static IllegalArgumentException invalid(String setting, String problem) {
        return new IllegalArgumentException("service-review.identity.ldap." + setting + " " + problem);
    }
}
