import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community embedded with the Bolt connector, for Helix's local development and tests.
 *
 * Usage: java -cp 'lib/*:classes' HelixNeo4j <home-dir> <settings.properties> <state-file>
 *
 * Every Neo4j setting comes from the properties file (written by the Node launcher), so this class
 * stays free of policy. When the database answers, the state file is written and "HELIX_NEO4J_READY"
 * is printed; SIGTERM runs the shutdown hook, which stops the database cleanly and removes the state file.
 */
public final class HelixNeo4j {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: HelixNeo4j <home-dir> <settings.properties> <state-file>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path stateFile = Path.of(args[2]).toAbsolutePath();
        Path settingsFile = Path.of(args[1]).toAbsolutePath();
        Map<String, String> settings = readSettings(settingsFile);

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(settingsFile)
                .build();
        GraphDatabaseService db = dbms.database("neo4j");
        db.executeTransactionally("RETURN 1");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
                Files.deleteIfExists(stateFile);
            } catch (Exception e) {
                System.err.println("shutdown failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "helix-neo4j-shutdown"));

        long pid = ProcessHandle.current().pid();
        String bolt = "bolt://" + settings.getOrDefault("server.bolt.listen_address", "127.0.0.1:7687");
        String state = "{\"pid\":" + pid + ",\"uri\":\"" + bolt + "\",\"home\":\"" + jsonEscape(home.toString())
                + "\",\"startupMs\":" + (System.nanoTime() - started) / 1_000_000 + "}\n";
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.writeString(tmp, state, StandardCharsets.UTF_8);
        Files.move(tmp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("HELIX_NEO4J_READY " + bolt);
        System.out.flush();
        stopped.await();
    }

    private static Map<String, String> readSettings(Path file) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        Map<String, String> settings = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            settings.put(key, props.getProperty(key));
        }
        return settings;
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
