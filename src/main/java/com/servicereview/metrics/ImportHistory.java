package com.servicereview.metrics;

import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** What the HR console shows of imports: the record types one may import, and the latest jobs ({@link ImportJobRepository}'s rows). */
@Component
public class ImportHistory {

    /** A record type of {@code POST /api/imports/{id}} with its columns, which lets the page tell a file's type from its header. */
    public record Type(String id, List<String> columns, List<String> required) {}

    private final ImportJobRepository jobs;

    ImportHistory(ImportJobRepository jobs) {
        this.jobs = jobs;
    }

    /** In their declared order. */
    public List<Type> recordTypes() {
        return Arrays.stream(RecordType.values())
                .map(t -> new Type(
                        t.id(),
                        t.columnNames(),
                        t.columns().stream()
                                .filter(Column::required)
                                .map(Column::name)
                                .toList()))
                .toList();
    }

    public List<ImportJobRepository.ImportJob> latest(int limit) {
        return jobs.latest(limit);
    }
}
