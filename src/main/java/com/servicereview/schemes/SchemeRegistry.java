package com.servicereview.schemes;

import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.SchemeCatalog;
import com.servicereview.scoring.SchemeParser;
import com.servicereview.scoring.SchemeValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads and validates every scheme file at start-up; an invalid file stops the application with
 * the scheme, indicator and fault. Each (id, version) is recorded with its content hash in
 * {@code review.scheme_version}, so a published version cannot silently change: editing a scheme
 * means raising its version.
 */
@Component
public class SchemeRegistry {

    private static final Logger log = LoggerFactory.getLogger(SchemeRegistry.class);

    private final SchemeCatalog catalog;

    public SchemeRegistry(@Value("${service-review.schemes.locations:classpath*:schemes/*.yaml}") List<String> locations,
                          JdbcClient jdbc, TransactionTemplate transactions) {
        List<Scheme> schemes = load(locations);
        this.catalog = new SchemeCatalog(schemes);
        transactions.executeWithoutResult(status -> schemes.forEach(scheme -> record(jdbc, scheme)));
        log.info("Loaded {} scoring schemes: {}", schemes.size(), schemes.stream().map(s -> s.id() + " v" + s.version()).toList());
    }

    public List<Scheme> latest() {
        return catalog.latest();
    }

    public Optional<Scheme> find(String id, Integer version) {
        return Optional.ofNullable(version == null ? catalog.latest(id) : catalog.get(id, version));
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

    private static void record(JdbcClient jdbc, Scheme scheme) {
        Optional<String> stored = jdbc.sql("select content_hash from review.scheme_version where scheme_id = ? and version = ?")
                .params(scheme.id(), scheme.version()).query(String.class).optional();
        if (stored.isEmpty()) {
            jdbc.sql("insert into review.scheme_version (scheme_id, version, content_hash, document) values (?, ?, ?, ?)")
                    .params(scheme.id(), scheme.version(), scheme.contentHash(), scheme.document()).update();
        } else if (!stored.get().equals(scheme.contentHash())) {
            throw new IllegalStateException("scheme '" + scheme.id() + "' version " + scheme.version()
                    + " differs from the version already published; raise its version number to publish a change");
        }
    }
}
