package com.servicereview.schemes;

import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.SchemeParser;
import com.servicereview.scoring.SchemeValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every scheme version lives in {@code review.scheme_version}; every node reads them from there, so a
 * version HR publishes on one node is in force on all of them at once. The files on the classpath are
 * the first versions: recorded at start-up ({@code on conflict do nothing}, so nodes may start together)
 * and an edited file that keeps its version number stops the start. An invalid file stops it too, with
 * the scheme, indicator and fault.
 *
 * <p>Which version is in force for a period is always read from the database, so no node answers with an older
 * version than another has published. What never changes once written is cached: a version's content (the primary
 * key (id, version) is recorded once, and a different content under the same number is refused) and the version a
 * cycle uses (fixed when it starts). A cycle's launch asks for both once per review; on any node the cached answer
 * is the database's.
 */
@Component
public class SchemeRegistry {

    private static final Logger log = LoggerFactory.getLogger(SchemeRegistry.class);

    /** Version in force for a period: the highest effectiveFrom ≤ the period; built-in versions (null) count as the earliest. */
    private static final String IN_FORCE = """
            select scheme_id, version, content_hash from review.scheme_version
             where scheme_id = :id and (effective_from is null or effective_from <= :period)
             order by effective_from desc nulls last, version desc limit 1""";

    private final JdbcClient jdbc;
    private final Map<String, Scheme> parsed = new ConcurrentHashMap<>();
    private final Map<String, Scheme> byVersion = new ConcurrentHashMap<>();
    private final Map<String, Integer> ofCycle = new ConcurrentHashMap<>();

    public SchemeRegistry(
            @Value("${service-review.schemes.locations:classpath*:schemes/*.yaml}") List<String> locations,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        List<Scheme> builtIns = load(locations);
        transactions.executeWithoutResult(status -> builtIns.forEach(scheme -> {
            if (record(scheme, null, "system") == Recorded.DIFFERENT) {
                throw new IllegalStateException("scheme '" + scheme.id() + "' version " + scheme.version()
                        + " differs from the version already published; raise its version number to publish a change");
            }
        }));
        log.info(
                "Recorded {} built-in scoring schemes: {}",
                builtIns.size(),
                builtIns.stream().map(s -> s.id() + " v" + s.version()).toList());
    }

    /** One published version, as {@code GET /api/schemes/{id}/versions} lists it. */
    public record Version(
            String schemeId,
            int version,
            String effectiveFrom,
            String contentHash,
            String publishedBy,
            OffsetDateTime publishedAt) {}

    enum Recorded {
        CREATED,
        SAME,
        DIFFERENT
    }

    /** For every scheme, the version in force this month (else its newest, when all its versions start later), by id. */
    public List<Scheme> latest() {
        List<Scheme> latest = new ArrayList<>();
        for (String id : jdbc.sql("select distinct scheme_id from review.scheme_version order by scheme_id")
                .query(String.class)
                .list()) {
            find(id, null).ifPresent(latest::add);
        }
        return latest;
    }

    /** Every version of every scheme: what any review, past or future, may read. */
    public List<Scheme> all() {
        return jdbc.sql(
                        "select scheme_id, version, content_hash from review.scheme_version order by scheme_id, version")
                .query((rs, n) -> parse(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .list();
    }

    /** The given version; without one, the version in force this month, else the newest. */
    public Optional<Scheme> find(String id, Integer version) {
        if (version != null) {
            Scheme cached = byVersion.get(id + "\u0000" + version);
            if (cached != null) return Optional.of(cached);
            Optional<Scheme> stored = jdbc.sql(
                            "select scheme_id, version, content_hash from review.scheme_version where scheme_id = ? and version = ?")
                    .params(id, version)
                    .query((rs, n) -> parse(rs.getString(1), rs.getInt(2), rs.getString(3)))
                    .optional();
            stored.ifPresent(scheme -> byVersion.put(id + "\u0000" + version, scheme));
            return stored;
        }
        return inForce(id, YearMonth.now().toString())
                .or(() -> jdbc.sql("""
                        select scheme_id, version, content_hash from review.scheme_version where scheme_id = ?
                         order by version desc limit 1""")
                        .param(id)
                        .query((rs, n) -> parse(rs.getString(1), rs.getInt(2), rs.getString(3)))
                        .optional());
    }

    /** The version new reviews of the period use (highest effectiveFrom ≤ period); empty when none is in force yet. */
    public Optional<Scheme> inForce(String id, String period) {
        return jdbc.sql(IN_FORCE)
                .param("id", id)
                .param("period", period)
                .query((rs, n) -> parse(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .optional();
    }

    /**
     * The version a new review of the period uses: its cycle's version when it belongs to a cycle (fixed when
     * the cycle started), else the version in force for the period.
     */
    public Optional<Scheme> versionFor(String id, String period, String cycleId) {
        Optional<Integer> version = cycleId == null ? Optional.empty() : cycleVersion(cycleId, id);
        return version.isPresent() ? find(id, version.get()) : inForce(id, period);
    }

    /** The version a cycle of this scheme uses; empty for an unknown cycle, one of another scheme or one without a version. */
    private Optional<Integer> cycleVersion(String cycleId, String id) {
        String key = cycleId + "\u0000" + id;
        Integer cached = ofCycle.get(key);
        if (cached != null) return Optional.of(cached);
        Optional<Integer> stored = jdbc.sql(
                        "select scheme_version from review.cycle where id = ? and scheme_id = ? and scheme_version is not null")
                .params(cycleId, id)
                .query(Integer.class)
                .optional();
        // Only a version is kept: a cycle not found now may be one that starts later.
        stored.ifPresent(v -> ofCycle.put(key, v));
        return stored;
    }

    public List<Version> versions(String id) {
        return jdbc.sql("""
                        select scheme_id, version, effective_from, content_hash, published_by, published_at
                          from review.scheme_version where scheme_id = ? order by version""")
                .param(id)
                .query((rs, n) -> new Version(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    /**
     * Stores a version unless its (id, version) exists; then says whether the stored one is the same: same
     * content and the same effectiveFrom. Safe when nodes record the same version at once: the primary key decides.
     */
    Recorded record(Scheme scheme, String effectiveFrom, String publishedBy) {
        int inserted = jdbc.sql("""
                        insert into review.scheme_version (scheme_id, version, content_hash, document, effective_from, published_by)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(
                        scheme.id(),
                        scheme.version(),
                        scheme.contentHash(),
                        scheme.document(),
                        effectiveFrom,
                        publishedBy)
                .update();
        if (inserted == 1) return Recorded.CREATED;
        Version stored = versions(scheme.id()).stream()
                .filter(v -> v.version() == scheme.version())
                .findFirst()
                .orElseThrow();
        boolean same = stored.contentHash().equals(scheme.contentHash())
                && (effectiveFrom == null || effectiveFrom.equals(stored.effectiveFrom()));
        return same ? Recorded.SAME : Recorded.DIFFERENT;
    }

    private Scheme parse(String id, int version, String hash) {
        return parsed.computeIfAbsent(hash, h -> {
            String document = jdbc.sql("select document from review.scheme_version where scheme_id = ? and version = ?")
                    .params(id, version)
                    .query(String.class)
                    .single();
            Scheme scheme = SchemeParser.parse(document, id + " v" + version);
            if (!scheme.contentHash().equals(h))
                throw new IllegalStateException("scheme '" + id + "' v" + version + " does not match its hash");
            return scheme;
        });
    }

    private static List<Scheme> load(List<String> locations) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Scheme> schemes = new ArrayList<>();
        List<SchemeValidationException.Problem> problems = new ArrayList<>();
        for (String location : locations) {
            try {
                for (Resource resource : resolver.getResources(location)) {
                    String text = resource.getContentAsString(StandardCharsets.UTF_8);
                    try {
                        schemes.add(SchemeParser.parse(text, resource.getFilename()));
                    } catch (SchemeValidationException e) {
                        problems.addAll(e.problems());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schemes from " + location, e);
            }
        }
        if (!problems.isEmpty()) throw new SchemeValidationException(problems);
        return schemes;
    }
}
