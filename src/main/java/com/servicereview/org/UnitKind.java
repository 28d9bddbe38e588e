package com.servicereview.org;

public enum UnitKind {
    DEPARTMENT,
    TEAM
}
