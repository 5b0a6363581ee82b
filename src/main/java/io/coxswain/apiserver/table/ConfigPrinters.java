package io.coxswain.apiserver.table;

import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.ServiceAccount;
import java.time.Instant;
import java.util.List;

/** The columns kubectl shows for ConfigMaps (DATA), Secrets (TYPE, DATA) and ServiceAccounts (SECRETS). */
final class ConfigPrinters {
  private ConfigPrinters() {}

  static final class ConfigMapPrinter implements RowPrinter<ConfigMap> {
    private static final List<Column> COLUMNS = List.of(
        Column.name("Name must be unique within a namespace."),
        Column.integer("Data", "Data contains the configuration data."),
        Column.age());

    @Override
    public Class<ConfigMap> type() {
      return ConfigMap.class;
    }

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public Row row(ConfigMap cm, Instant now) {
      return Row.of(cm.metadata().name(), cm.dataOrEmpty().size() + cm.binaryDataOrEmpty().size(),
          Cells.since(cm.metadata().creationTimestamp(), now));
    }
  }

  static final class SecretPrinter implements RowPrinter<Secret> {
    private static final List<Column> COLUMNS = List.of(
        Column.name("Name must be unique within a namespace."),
        Column.string("Type", "The type of secret"),
        Column.integer("Data", "Data contains the secret data."),
        Column.age());

    @Override
    public Class<Secret> type() {
      return Secret.class;
    }

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public Row row(Secret secret, Instant now) {
      return Row.of(secret.metadata().name(), secret.type(), secret.dataOrEmpty().size(),
          Cells.since(secret.metadata().creationTimestamp(), now));
    }
  }

  static final class ServiceAccountPrinter implements RowPrinter<ServiceAccount> {
    private static final List<Column> COLUMNS = List.of(
        Column.name("Name must be unique within a namespace."),
        Column.integer("Secrets", "Secrets is a list of the secrets in the same namespace that pods running as "
            + "this service account may use."),
        Column.age());

    @Override
    public Class<ServiceAccount> type() {
      return ServiceAccount.class;
    }

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public Row row(ServiceAccount sa, Instant now) {
      return Row.of(sa.metadata().name(), sa.secrets() == null ? 0 : sa.secrets().size(),
          Cells.since(sa.metadata().creationTimestamp(), now));
    }
  }
}
