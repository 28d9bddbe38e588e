package com.servicereview.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A JVM that only runs the embedded server, for tests that kill it: starts it on the data directory
 * given as the first argument, commits one row, prints {@code READY}, then waits to be killed.
 */
public final class EmbeddedServerChild {

    private EmbeddedServerChild() {}

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = EmbeddedServer.start(Path.of(args[0]), true);
        try (Connection connection =
                        DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "create table if not exists child_marker (started_at timestamptz not null default now())");
            statement.execute("insert into child_marker default values");
        }
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
