package dev.mallory.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.model.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The unchecked signing path of a scenario repository ({@link RepositoryBuilder#allowInvalidSetups()}):
 * changes to the {@code signed} JSON of a role that the model refuses on purpose (threshold 0, one
 * key listed under two key ids, a target hashed only with an unknown algorithm), applied after the
 * model is serialised and before the file is signed, so the file is signed exactly as edited. The
 * repository signs what it is told; clients must refuse it. Never used by the server's upload path.
 */
final class InvalidSetups {
  private final Map<String, List<UnaryOperator<ObjectNode>>> edits = new LinkedHashMap<>();
  /** key id to made-up key ids that every signature by it is also listed under. */
  private final Map<String, List<String>> aliases = new LinkedHashMap<>();

  void edit(String role, UnaryOperator<ObjectNode> edit) {
    edits.computeIfAbsent(role, r -> new ArrayList<>()).add(edit);
  }

  void alias(String keyId, String alias) {
    aliases.computeIfAbsent(keyId, k -> new ArrayList<>()).add(alias);
  }

  ObjectNode apply(String role, ObjectNode signed) {
    ObjectNode out = signed;
    for (UnaryOperator<ObjectNode> e : edits.getOrDefault(role, List.of())) {
      out = e.apply(out);
    }
    return out;
  }

  /** The signatures, each followed by a copy under every alias of its key id. */
  List<Signature> withAliases(List<Signature> signatures) {
    List<Signature> out = new ArrayList<>();
    for (Signature s : signatures) {
      out.add(s);
      for (String alias : aliases.getOrDefault(s.keyId(), List.of())) {
        out.add(new Signature(alias, s.method(), s.value()));
      }
    }
    return out;
  }

  /** The delegation entry for {@code role} in a targets file's {@code delegations.roles}, or null. */
  static ObjectNode delegatedRoleEntry(ObjectNode signed, String role) {
    JsonNode roles = signed.path("delegations").path("roles");
    if (roles instanceof ArrayNode list) {
      for (JsonNode r : list) {
        if (r instanceof ObjectNode o && role.equals(o.path("name").asText(null))) {
          return o;
        }
      }
    }
    return null;
  }
}
