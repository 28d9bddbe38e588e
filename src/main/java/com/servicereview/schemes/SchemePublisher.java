package com.servicereview.schemes;

import com.servicereview.audit.AuditLog;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.SchemeParser;
import com.servicereview.web.BadRequestException;
import com.servicereview.web.ConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * HR publishes a scheme document as a new version (POST /api/schemes). Versions only go up and never change:
 * a version that exists is either the same publication again (answered as such, nothing written) or a conflict.
 */
@Component
public class SchemePublisher {

    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private final SchemeRegistry registry;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    SchemePublisher(SchemeRegistry registry, JdbcClient jdbc, AuditLog audit) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** @param created false when this exact version was already published (an idempotent repeat) */
    public record Published(boolean created, SchemeRegistry.Version version) {}

    /**
     * @throws com.servicereview.scoring.SchemeValidationException the same problems {@code /api/schemes/validate} lists
     */
    @Transactional
    public Published publish(String document, String effectiveFrom, String actor) {
        if (effectiveFrom == null || effectiveFrom.isBlank()) {
            throw new BadRequestException(
                    "effectiveFrom",
                    "必填：新考核从哪个月起使用此版本 / is required: the period (YYYY-MM) from which new reviews use it");
        }
        if (!PERIOD.matcher(effectiveFrom).matches()) {
            throw new BadRequestException(
                    "effectiveFrom", "须为月份 YYYY-MM，例如 2026-10 / must be a month as YYYY-MM, e.g. 2026-10");
        }
        Scheme scheme = SchemeParser.parse(document, "document");
        // Publications of one scheme queue here, on every node: the checks below then see every earlier version.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('review.scheme_version'), hashtext(?))")
                .param(scheme.id())
                .query()
                .singleRow();
        List<SchemeRegistry.Version> versions = registry.versions(scheme.id());
        SchemeRegistry.Version same = versions.stream()
                .filter(v -> v.version() == scheme.version())
                .findFirst()
                .orElse(null);
        if (same != null) {
            if (same.contentHash().equals(scheme.contentHash()) && effectiveFrom.equals(same.effectiveFrom()))
                return new Published(false, same);
            throw new ConflictException(
                    "version",
                    "考核方案 " + scheme.id() + " 已有版本 " + scheme.version() + "，内容或生效月份不同；请提高版本号 / scheme '"
                            + scheme.id() + "' already has a version " + scheme.version()
                            + " with other content or another effectiveFrom ("
                            + (same.effectiveFrom() == null ? "built in" : same.effectiveFrom())
                            + "); raise the version number to publish a change");
        }
        if (!versions.isEmpty()) {
            SchemeRegistry.Version newest = versions.get(versions.size() - 1);
            if (scheme.version() < newest.version()) {
                throw new ConflictException(
                        "version",
                        "须高于现有最新版本 " + newest.version() + " / must be higher than the newest version "
                                + newest.version() + " of scheme '" + scheme.id() + "'");
            }
            // A later version starting earlier would be hidden from the newest one's period on: refused rather than
            // guessed at.
            if (newest.effectiveFrom() != null && effectiveFrom.compareTo(newest.effectiveFrom()) < 0) {
                throw new BadRequestException(
                        "effectiveFrom",
                        "不得早于版本 " + newest.version() + " 的生效月份 " + newest.effectiveFrom() + " / must not be before "
                                + newest.effectiveFrom() + ", the effectiveFrom of version " + newest.version());
            }
        }
        if (registry.record(scheme, effectiveFrom, actor) != SchemeRegistry.Recorded.CREATED) {
            throw new IllegalStateException("scheme '" + scheme.id() + "' v" + scheme.version()
                    + " appeared while its publications were locked");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", scheme.version());
        detail.put("effectiveFrom", effectiveFrom);
        detail.put("contentHash", scheme.contentHash());
        audit.record(actor, "scheme.published", scheme.id(), detail);
        SchemeRegistry.Version stored = registry.versions(scheme.id()).stream()
                .filter(v -> v.version() == scheme.version())
                .findFirst()
                .orElseThrow();
        return new Published(true, stored);
    }
}
