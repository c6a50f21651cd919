package dev.mallory.repo.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The on-disk JSON form of a {@link RepositoryIndex}: {@code {dialect, roles:{r:{current,versions}}, targets}}. */
final class IndexCodec {
  private IndexCodec() {}

  static byte[] encode(RepositoryIndex index) {
    ObjectNode json = Json.object();
    json.put("dialect", index.dialect().name());
    ObjectNode roles = json.putObject("roles");
    new TreeMap<>(index.roles()).forEach((name, history) -> {
      ObjectNode role = roles.putObject(name);
      role.put("current", history.current());
      ObjectNode versions = role.putObject("versions");
      history.versions().forEach((v, sha) -> versions.put(Long.toString(v), sha));
    });
    ObjectNode targets = json.putObject("targets");
    new TreeMap<>(index.targets()).forEach(targets::put);
    return Json.write(json);
  }

  static RepositoryIndex decode(byte[] bytes) {
    JsonNode json = Json.parse(bytes);
    Map<String, RoleHistory> roles = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.get("roles").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      TreeMap<Long, String> versions = new TreeMap<>();
      e.getValue().get("versions").fields()
          .forEachRemaining(v -> versions.put(Long.parseLong(v.getKey()), v.getValue().asText()));
      roles.put(e.getKey(), new RoleHistory(versions, e.getValue().get("current").asLong()));
    }
    Map<String, String> targets = new LinkedHashMap<>();
    json.get("targets").fields().forEachRemaining(t -> targets.put(t.getKey(), t.getValue().asText()));
    return new RepositoryIndex(Dialect.valueOf(json.get("dialect").asText()), roles, targets);
  }
}
