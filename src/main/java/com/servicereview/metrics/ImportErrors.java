package com.servicereview.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one import: every one is counted, the first {@code limit} are kept. */
final class ImportErrors {

    private final String file;
    private final int limit;
    private final List<ImportError> kept = new ArrayList<>();
    private long count;

    ImportErrors(String file, int limit) {
        this.file = file;
        this.limit = limit;
    }

    String file() {
        return file;
    }

    void add(long row, String column, String value, String reason) {
        add(new ImportError(file, row, column, value, reason));
    }

    void add(ImportError error) {
        count++;
        if (kept.size() < limit) kept.add(error);
    }

    /** Adds errors counted elsewhere (in SQL) of which only {@code shown} were fetched. */
    void addCounted(List<ImportError> shown, long total) {
        shown.forEach(this::add);
        count += total - shown.size();
    }

    boolean isEmpty() {
        return count == 0;
    }

    long count() {
        return count;
    }

    /** The kept errors in file order: by row, whole-file faults first. */
    List<ImportError> shown() {
        List<ImportError> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingLong(ImportError::row));
        return sorted;
    }

    int limit() {
        return limit;
    }
}
