package io.coxswain.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL the multi-member tests share a journal in: {@code COXSWAIN_TEST_PG_URL}, or the
 * private server {@code bin/test-postgres start} runs (which .ci/run starts). Each test gets a
 * database of its own. An unreachable server fails the test: it is never a skip.
 */
public final class TestPostgres {
  public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:55432/coxswain?user=postgres";

  private TestPostgres() {}

  public static String serverUrl() {
    String env = System.getenv("COXSWAIN_TEST_PG_URL");
    return env == null || env.isBlank() ? DEFAULT_URL : env;
  }

  /** A new empty database on the test server; returns its JDBC URL. */
  public static String freshDatabase() {
    String name = "cox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String server = serverUrl();
    try (Connection connection = DriverManager.getConnection(server);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new AssertionError("the multi-member tests need PostgreSQL at " + server
          + " (bin/test-postgres start; .ci/run starts it): " + e.getMessage(), e);
    }
    int slash = server.indexOf('/', "jdbc:postgresql://".length());
    int query = server.indexOf('?');
    return server.substring(0, slash + 1) + name + (query < 0 ? "" : server.substring(query));
  }

  /** Drops a database made by {@link #freshDatabase}; its members must have stopped. */
  public static void drop(String url) {
    String name = url.substring(url.indexOf('/', "jdbc:postgresql://".length()) + 1).split("\\?")[0];
    try (Connection connection = DriverManager.getConnection(serverUrl());
         Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + name + ": " + e.getMessage(), e);
    }
  }
}
