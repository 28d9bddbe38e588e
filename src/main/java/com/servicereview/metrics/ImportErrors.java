package com.servicereview.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors of one import: every one is counted, the first {@code limit} are kept. An
 * import of several files or sheets reports each through its own view ({@link #in}), which shares
 * the count and the kept list.
 */
public final class ImportErrors {

    private final String file;
    private final String sheet;
    private final Store store;

    public ImportErrors(String file, int limit) {
        this(file, null, new Store(limit));
    }

    private ImportErrors(String file, String sheet, Store store) {
        this.file = file;
        this.sheet = sheet;
        this.store = store;
    }

    /** The same collection, reporting against another file and sheet. */
    public ImportErrors in(String otherFile, String otherSheet) {
        return new ImportErrors(otherFile, otherSheet, store);
    }

    String file() {
        return file;
    }

    public void add(long row, String column, String value, String reason) {
        add(new ImportError(file, sheet, row, column, value, reason));
    }

    void add(ImportError error) {
        store.count++;
        if (store.kept.size() < store.limit) store.kept.add(error);
    }

    /** Adds errors counted elsewhere (in SQL) of which only {@code shown} were fetched. */
    void addCounted(List<ImportError> shown, long total) {
        shown.forEach(this::add);
        store.count += total - shown.size();
    }

    public boolean isEmpty() {
        return store.count == 0;
    }

    public long count() {
        return store.count;
    }

    /** The kept errors in file order: by row, whole-file faults first (stable, so files and sheets keep their order). */
    public List<ImportError> shown() {
        List<ImportError> sorted = new ArrayList<>(store.kept);
        sorted.sort(Comparator.comparing((ImportError e) -> e.file() + "\u0000" + (e.sheet() == null ? "" : e.sheet()))
                .thenComparingLong(ImportError::row));
        return sorted;
    }

    int limit() {
        return store.limit;
    }

    private static final class Store {
        private final int limit;
        private final List<ImportError> kept = new ArrayList<>();
        private long count;

        Store(int limit) {
            this.limit = limit;
        }
    }
}
