package io.coxswain.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code limit}/{@code continue} paging. A token names the revision of the first page and the last
 * key served; the views behind recent tokens are kept (they are immutable, so this is cheap) so
 * every page of one list comes from the same snapshot, as in Kubernetes. A token whose view has
 * been dropped answers 410 Gone and the client starts the list again.
 */
final class ContinueTokens {
  private static final int RETAINED_VIEWS = 16;

  private final Map<Long, CacheView> views = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, CacheView> eldest) {
      return size() > RETAINED_VIEWS;
    }
  };

  /**
   * Where a list resumes: after {@code after}, in {@code view} (a retained snapshot), or, for a
   * list at an exact revision, at {@code exactRevision} from the watch window (view null).
   */
  record Position(CacheView view, ResourceKey after, long exactRevision) {}

  /** A token for the next page of a list read at exactly {@code revision} (re-read from the window). */
  String issueExact(long revision, ResourceKey after) {
    ObjectNode token = Json.json().createObjectNode();
    token.put("rv", revision);
    token.put("exact", true);
    token.put("resource", after.resource());
    token.put("namespace", after.namespace());
    token.put("name", after.name());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
  }

  synchronized String issue(CacheView view, ResourceKey after) {
    views.put(view.revision(), view);
    ObjectNode token = Json.json().createObjectNode();
    token.put("rv", view.revision());
    token.put("resource", after.resource());
    token.put("namespace", after.namespace());
    token.put("name", after.name());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
  }

  synchronized Position resume(String token, String resource) {
    JsonNode node;
    try {
      node = Json.json().readTree(Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("continue key is not valid: illegal base64 data");
    } catch (Exception e) {
      // The parser's own words would only describe our encoding; say what is wrong for the client.
      throw ApiException.badRequest("continue key is not valid: not a token this server issued");
    }
    if (node == null || !node.has("rv") || !resource.equals(node.path("resource").asText())) {
      throw ApiException.badRequest("continue key is not valid: it does not belong to this list");
    }
    ResourceKey after = new ResourceKey(resource, node.path("namespace").asText(), node.path("name").asText());
    if (node.path("exact").asBoolean(false)) {
      return new Position(null, after, node.get("rv").asLong());
    }
    CacheView view = views.get(node.get("rv").asLong());
    if (view == null) {
      throw ApiException.gone("The provided continue parameter is too old to display a consistent list result. "
          + "You can start a new list without the continue parameter.");
    }
    return new Position(view, after, 0);
  }
}
