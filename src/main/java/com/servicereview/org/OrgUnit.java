package com.servicereview.org;

/** A department or a team; {@code parentId} is null for a top-level unit. */
public record OrgUnit(String id, String parentId, UnitKind kind, String nameZh, String nameEn, String headEmployeeId) {}
