package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Our migrations on PostgreSQL 15 (zonky's binaries, copied by the build; see pom.xml): they apply,
 * and the import parsers that V3 builds on pg_input_is_valid (16+, made cheaper by V22) give the same
 * answers as on 17.
 */
class OlderPostgresTest {

    private static final String PARSED = """
            select v, review.try_timestamp(v)::text, review.try_date(v)::text, review.try_numeric(v)::text, review.try_count(v)::text,
                   review.try_boolean(v)::text
              from unnest(array['2026-01-31 08:00:00', '2026-01-31T08:00', '2026-02-30', '2026-01-31', '2026/01/31', '12.5', '-3',
                                '+7', '1e5', 'NaN', 'now', 'infinity', '', null, '99999999999', '2147483647', 'abc', '1.2.3',
                                'Yes', '是', 'on', 'N', '0', '2026-01-31 08:00+08', '0x1F', '1_000']) with ordinality u(v, n)
             order by n""";

    @Test
    void migrationsApplyOnPostgres15AndParseAsOn17() throws Exception {
        Path binaries = Path.of(System.getProperty("postgres15.binaries", "none"));
        assumeTrue(
                Files.isRegularFile(binaries)
                        && System.getProperty("os.name")
                                .toLowerCase(Locale.ROOT)
                                .contains("linux")
                        && System.getProperty("os.arch").equals("amd64"),
                "zonky's PostgreSQL 15 binaries for linux-amd64 (see pom.xml)");
        List<List<String>> on15;
        try (EmbeddedPostgres pg15 = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setPgBinaryResolver((system, arch) -> archive(binaries, system, arch))
                .start()) {
            DataSource dataSource = pg15.getPostgresDatabase();
            assertThat(JdbcClient.create(dataSource)
                            .sql("show server_version_num")
                            .query(Integer.class)
                            .single())
                    .isBetween(150000, 159999);
            migrate(dataSource);
            on15 = parsed(dataSource);
        }
        try (EmbeddedServer pg17 = EmbeddedServer.start(null, false)) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(pg17.jdbcUrl());
            dataSource.setUser(EmbeddedServer.USER);
            dataSource.setPassword(pg17.password());
            migrate(dataSource);
            assertThat(on15).isEqualTo(parsed(dataSource));
        }
        assertThat(on15.get(2)).as("an impossible date").containsExactly("2026-02-30", null, null, null, null, null);
        // V22's cheaper parsers on 17 answer as V10's on 15; yes/no in any case and 是/否, but not PostgreSQL's on/off.
        assertThat(on15.subList(18, 26).stream().map(row -> row.get(0) + "=" + row.get(5)))
                .containsExactly(
                        "Yes=true",
                        "是=true",
                        "on=null",
                        "N=false",
                        "0=false",
                        "2026-01-31 08:00+08=null",
                        "0x1F=null",
                        "1_000=null");
    }

    /** As the application configures Flyway (application.yaml and PortableMigrations). */
    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("review")
                .defaultSchema("review")
                .locations("classpath:db/migration")
                .initSql(PortableMigrations.INIT_SQL)
                .load()
                .migrate();
    }

    private static List<List<String>> parsed(DataSource dataSource) {
        return JdbcClient.create(dataSource)
                .sql(PARSED)
                .query((rs, n) -> Arrays.asList(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    private static ByteArrayInputStream archive(Path jar, String system, String arch) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + ".txz");
            return new ByteArrayInputStream(zip.getInputStream(entry).readAllBytes());
        }
    }
}
