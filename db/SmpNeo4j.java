/*
 * The project's local Neo4j: Neo4j 5.26 LTS Community, embedded, with Bolt on.
 *
 * Started by `smp db start` (smp/server.py), which passes every setting through
 * the environment:
 *   SMP_DB_HOME      folder for data, logs and transactions (created if absent)
 *   SMP_DB_PORT      Bolt port, bound to 127.0.0.1 only
 *   SMP_DB_PASSWORD  password set for the user `neo4j` at every start
 *   SMP_DB_PAGECACHE page cache size, e.g. 256m
 *   SMP_DB_TX_MEMORY largest memory one transaction may use, e.g. 1g
 *   SMP_DB_TX_LOG_SIZE transaction log rotation size, e.g. 16m
 *
 *   SMP_DB_IMPORT_DIR the only folder LOAD CSV may read files from (unset: none)
 *
 * File URLs in LOAD CSV are refused unless SMP_DB_IMPORT_DIR is set, and only the
 * newest transaction log is kept.
 *
 * Prints "SMP-NEO4J READY" once Bolt accepts connections and shuts the database
 * down cleanly on SIGTERM or SIGINT.
 */
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

public final class SmpNeo4j {
    private SmpNeo4j() {}

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("SMP_DB_HOME", "neo4j-home")).toAbsolutePath();
        int port = Integer.parseInt(env("SMP_DB_PORT", "7687"));
        String password = System.getenv("SMP_DB_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("SMP_DB_PASSWORD must be set (8 characters or more)");
            System.exit(2);
        }

        String importDir = env("SMP_DB_IMPORT_DIR", "");
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(env("SMP_DB_PAGECACHE", "256m")))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size,
                        ByteUnit.parse(env("SMP_DB_TX_MEMORY", "0")))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO)
                // LOAD CSV may not read files of this computer (the users file, say),
                // except in an import folder of their own (the benchmark's server).
                .setConfig(GraphDatabaseSettings.allow_file_urls, !importDir.isEmpty())
                // Keep only the newest transaction log: what `smp forget` erases leaves
                // the logs once they rotate (every SMP_DB_TX_LOG_SIZE) and the next
                // checkpoint runs. docs/privacy.md says what remains where.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold,
                        ByteUnit.parse(env("SMP_DB_TX_LOG_SIZE", "16m")));
        if (!importDir.isEmpty()) {
            builder.setConfig(GraphDatabaseSettings.load_csv_file_url_root, Path.of(importDir));
        }
        DatabaseManagementService dbms = builder.build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "smp-neo4j-shutdown"));

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            // Every start after the first: the password is already this one.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                System.err.println("Could not set the password of user neo4j: " + e.getMessage());
                System.exit(1);  // the shutdown hook stops the server
            }
        }

        System.out.println("SMP-NEO4J READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
