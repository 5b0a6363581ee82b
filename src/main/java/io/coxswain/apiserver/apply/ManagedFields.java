package io.coxswain.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.ManagedFieldsEntry;
import io.coxswain.api.Status;
import io.coxswain.apiserver.patch.PatchSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Field ownership as Kubernetes' field manager keeps it in {@code metadata.managedFields}: one entry
 * per manager and operation (Apply or Update) and subresource, holding the set of fields that
 * manager last set ({@link FieldSet} as {@code fieldsV1}).
 *
 * <ul>
 *   <li>an update (create, PUT, a merge/JSON/strategic patch) makes its manager own the fields it
 *       changed, and takes them from everyone else; removed fields leave every set;
 *   <li>an apply ({@link #apply}) makes the manager own exactly the fields of its configuration:
 *       fields it owned before and left out are removed from the object unless someone else owns
 *       them; setting a field another manager owns to a different value is a conflict (409) unless
 *       forced, which takes the field over.
 * </ul>
 *
 * Pure; the caller turns objects into JSON trees and back.
 */
public final class ManagedFields {
  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";

  private final FieldPaths paths;
  private final String apiVersion;
  private final String now;

  /** @param now the time entries record (RFC 3339, seconds) */
  public ManagedFields(String kind, String apiVersion, PatchSchema schema, String now) {
    this.paths = new FieldPaths(kind, schema);
    this.apiVersion = apiVersion;
    this.now = now;
  }

  /** The object after an apply and the entries after it. */
  public record Applied(JsonNode object, List<ManagedFieldsEntry> entries) {}

  /**
   * The entries after {@code manager} changed {@code before} (null: a create) into {@code after}.
   *
   * @param subresource "status" for a status write (its fields are status), else null
   */
  public List<ManagedFieldsEntry> update(JsonNode before, JsonNode after, List<ManagedFieldsEntry> entries,
      String manager, String subresource) {
    boolean status = "status".equals(subresource);
    if (before == null && entries.isEmpty()) {
      // A create: the manager owns all it wrote (one walk, no path sets).
      com.fasterxml.jackson.databind.node.ObjectNode all = paths.fieldsV1Of(after, status);
      return all.isEmpty() ? List.of() : List.of(new ManagedFieldsEntry(apiVersion, "FieldsV1",
          io.coxswain.api.FieldsV1.of(all), manager, UPDATE, emptyToNull(subresource), now));
    }
    FieldSet afterSet = paths.of(after, status);
    FieldSet beforeSet = before == null ? FieldSet.EMPTY : paths.of(before, status);
    Set<List<String>> changed = new LinkedHashSet<>();
    for (List<String> p : afterSet.paths()) {
      boolean item = p.get(p.size() - 1).equals(".");
      if (before == null || (item ? paths.valueAt(before, p) == null
          : !FieldPaths.same(paths.valueAt(before, p), paths.valueAt(after, p)))) {
        changed.add(p); // an item counts as changed only when it is new, not when its fields change
      }
    }
    FieldSet taken = new FieldSet(changed).union(beforeSet.minus(afterSet));
    if (taken.isEmpty()) {
      return entries; // nothing changed: no one's ownership (nor its time) moves
    }
    List<ManagedFieldsEntry> out = new ArrayList<>();
    FieldSet mine = new FieldSet(changed);
    for (ManagedFieldsEntry e : entries) {
      FieldSet set = setOf(e).minus(taken);
      if (isEntry(e, manager, UPDATE, subresource)) {
        mine = mine.union(set);
      } else if (!set.isEmpty()) {
        out.add(entry(e.manager(), e.operation(), e.subresource(), e.apiVersion(), e.time(), set));
      }
    }
    if (!mine.isEmpty()) {
      out.add(entry(manager, UPDATE, subresource, apiVersion, now, mine));
    }
    return out;
  }

  /**
   * {@code manager} applies {@code config} to {@code live} (null: the object does not exist yet).
   *
   * @throws ApiException 409 Conflict naming each field another manager owns with another value,
   *     unless {@code force}
   */
  public Applied apply(JsonNode live, List<ManagedFieldsEntry> entries, JsonNode config, String manager,
      boolean force) {
    FieldSet applied = paths.of(config, false);
    if (live == null) {
      return new Applied(config, List.of(entry(manager, APPLY, null, apiVersion, now, applied)));
    }
    List<Conflict> conflicts = new ArrayList<>();
    for (List<String> p : applied.paths()) {
      if (p.get(p.size() - 1).equals(".")) {
        continue;
      }
      JsonNode current = paths.valueAt(live, p);
      if (current == null || FieldPaths.same(current, paths.valueAt(config, p))) {
        continue;
      }
      for (ManagedFieldsEntry e : entries) {
        if (!isEntry(e, manager, APPLY, null) && setOf(e).contains(p)) {
          conflicts.add(new Conflict(e.manager(), e.apiVersion(), p));
        }
      }
    }
    if (!conflicts.isEmpty() && !force) {
      throw conflict(conflicts);
    }
    FieldSet previous = FieldSet.EMPTY;
    FieldSet others = FieldSet.EMPTY;
    for (ManagedFieldsEntry e : entries) {
      FieldSet set = setOf(e);
      if (isEntry(e, manager, APPLY, null)) {
        previous = set;
      } else {
        others = others.union(set);
      }
    }
    JsonNode merged = paths.merge(live, config, "");
    for (List<String> p : previous.minus(applied).paths()) {
      if (!others.contains(p) && !keyOfRemainingItem(p, applied, others) && !ownedBelow(p, others)) {
        merged = paths.remove(merged, p);
      }
    }
    FieldSet forced = new FieldSet(new LinkedHashSet<>(conflicts.stream().map(Conflict::path).toList()));
    List<ManagedFieldsEntry> out = new ArrayList<>();
    for (ManagedFieldsEntry e : entries) {
      if (isEntry(e, manager, APPLY, null)) {
        continue;
      }
      FieldSet set = setOf(e).minus(forced);
      if (!set.isEmpty()) {
        out.add(entry(e.manager(), e.operation(), e.subresource(), e.apiVersion(), e.time(), set));
      }
    }
    if (FieldPaths.same(merged, live) && conflicts.isEmpty() && previous.equals(applied)) {
      return new Applied(live, entries); // the same configuration again: nothing moves
    }
    out.add(entry(manager, APPLY, null, apiVersion, now, applied));
    return new Applied(merged, out);
  }

  /**
   * A key field ({@code f:name} under {@code k:{"name":..}}) of an item that stays: the
   * configuration keeps it, or another manager owns something in it. Key fields are never pruned
   * on their own.
   */
  private static boolean keyOfRemainingItem(List<String> p, FieldSet applied, FieldSet others) {
    if (p.size() < 2 || !p.get(p.size() - 2).startsWith("k:") || !p.get(p.size() - 1).startsWith("f:")) {
      return false;
    }
    List<String> item = new java.util.ArrayList<>(p.subList(0, p.size() - 1));
    item.add(".");
    String field = "\"" + p.get(p.size() - 1).substring(2) + "\":";
    return p.get(p.size() - 2).contains(field)
        && (applied.contains(List.copyOf(item)) || ownedBelow(List.copyOf(item), others));
  }

  /** Whether another manager owns something inside the item whose {@code .} this is. */
  private static boolean ownedBelow(List<String> p, FieldSet others) {
    if (!p.get(p.size() - 1).equals(".")) {
      return false;
    }
    List<String> prefix = p.subList(0, p.size() - 1);
    return others.paths().stream().anyMatch(o -> o.size() > prefix.size() && o.subList(0, prefix.size())
        .equals(prefix));
  }

  /** A manager's set; an entry without fieldsV1 owns nothing. */
  private static FieldSet setOf(ManagedFieldsEntry e) {
    return e.fieldsV1() == null ? FieldSet.EMPTY : FieldSet.fromFieldsV1(e.fieldsV1().tree());
  }

  private record Conflict(String manager, String apiVersion, List<String> path) {}

  /** Kubernetes' words: {@code Apply failed with 1 conflict: conflict with "m" using v1: .spec.x}. */
  private static ApiException conflict(List<Conflict> conflicts) {
    List<Status.StatusCause> causes = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (Conflict c : conflicts) {
      String with = "conflict with \"" + c.manager() + "\"" + (c.apiVersion() == null ? "" : " using "
          + c.apiVersion());
      causes.add(new Status.StatusCause("FieldManagerConflict", with, FieldSet.render(c.path())));
      lines.add(with + ": " + FieldSet.render(c.path()));
    }
    String message = "Apply failed with " + conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s")
        + ": " + String.join("\n", lines);
    return new ApiException(Status.failure(409, "Conflict", message,
        new Status.StatusDetails(null, null, null, null, causes, null)));
  }

  private static boolean isEntry(ManagedFieldsEntry e, String manager, String operation, String subresource) {
    return Objects.equals(e.manager(), manager) && Objects.equals(e.operation(), operation)
        && Objects.equals(emptyToNull(e.subresource()), emptyToNull(subresource));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static ManagedFieldsEntry entry(String manager, String operation, String subresource, String apiVersion,
      String time, FieldSet set) {
    return new ManagedFieldsEntry(apiVersion, "FieldsV1", io.coxswain.api.FieldsV1.of(set.toFieldsV1()), manager,
        operation,
        emptyToNull(subresource), time);
  }
}
