package com.servicereview.audit;

import java.util.Map;

/**
 * An audit row was written. Published synchronously in the writer's transaction, so a listener may add rows
 * of its own to that transaction (e.g. a notification); it must not throw, or it fails the writer's step.
 */
public record AuditRecorded(String actor, String action, String subject, Map<String, ?> detail) {}
