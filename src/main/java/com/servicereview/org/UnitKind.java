package com.servicereview.org;

public enum UnitKind {
    /** The top of the organisation (总公司), headed by the general manager. */
    COMPANY,
    DEPARTMENT,
    TEAM
}
