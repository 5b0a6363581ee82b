package io.coxswain.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Where the store's journal lives: an embedded H2 file under the data directory (one machine), or
 * a PostgreSQL database that every member of a cluster shares. Produces the Pekko Persistence
 * JDBC settings and creates the tables when they are missing.
 */
public record JournalConfig(String url, String user, String password) {

  /**
   * H2 keeps committed data in memory for a while by default (WRITE_DELAY); zero makes every
   * commit reach the file before the journal answers, so a kill -9 loses no acknowledged write.
   */
  public static JournalConfig h2(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve("journal");
    return new JournalConfig("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
  }

  public static JournalConfig of(String url, String user, String password, Path dataDir) {
    return url == null || url.isBlank() || url.equals("h2") ? h2(dataDir) : new JournalConfig(url, user, password);
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The pekko-persistence-jdbc shared database settings for this journal. */
  public Config pekkoConfig() {
    String prefix = "pekko-persistence-jdbc.shared-databases.coxswain.";
    return ConfigFactory.parseMap(Map.of(
        prefix + "profile", isPostgres() ? "slick.jdbc.PostgresProfile$" : "slick.jdbc.H2Profile$",
        prefix + "db.url", url,
        prefix + "db.driver", isPostgres() ? "org.postgresql.Driver" : "org.h2.Driver",
        prefix + "db.user", user,
        prefix + "db.password", password));
  }

  /** Creates the journal and snapshot tables when absent. */
  public void createSchema() {
    String script = readScript(isPostgres() ? "/schema/postgres.sql" : "/schema/h2.sql");
    try (Connection connection = DriverManager.getConnection(url, user, password);
         Statement statement = connection.createStatement()) {
      for (String sql : script.split(";")) {
        String trimmed = stripComments(sql).trim();
        if (!trimmed.isEmpty()) {
          statement.execute(trimmed);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the journal at " + url + ": " + e.getMessage(), e);
    }
  }

  private static String stripComments(String sql) {
    StringBuilder out = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.trim().startsWith("--")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  private static String readScript(String resource) {
    try (InputStream in = JournalConfig.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
