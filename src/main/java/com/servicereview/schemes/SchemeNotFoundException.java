package com.servicereview.schemes;

class SchemeNotFoundException extends RuntimeException {

    SchemeNotFoundException(String id, Integer version) {
        super("no scheme '" + id + "'" + (version == null ? "" : " version " + version));
    }
}
