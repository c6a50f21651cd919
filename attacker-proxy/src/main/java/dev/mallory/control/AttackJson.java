package dev.mallory.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.attack.Attack;
import dev.mallory.attack.AttackTypes;
import dev.mallory.attack.KeyStore;
import dev.mallory.proxy.AppliedAttack;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Attacks to and from JSON: {@code {"type": "rollback", "role": "timestamp", "version": 1}}. The
 * parameters are exactly the record's components; anything else is refused with a message that
 * names the parameters there are, so a typo never silently becomes a default.
 */
public final class AttackJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private AttackJson() {}

  /** Thrown for input a client must fix; the control API turns it into a 400. */
  public static final class BadInput extends RuntimeException {
    public BadInput(String message) {
      super(message);
    }
  }

  public static Attack parse(JsonNode node, KeyStore keys) {
    if (node == null || !node.isObject()) {
      throw new BadInput("an attack is a JSON object like {\"type\": \"rollback\", \"role\": \"timestamp\"}");
    }
    String type = node.path("type").isTextual() ? node.path("type").asText() : null;
    if (type == null) {
      throw new BadInput("missing \"type\"; known types: " + AttackTypes.names());
    }
    Class<? extends Attack> cls = AttackTypes.classOf(type);
    if (cls == null) {
      throw new BadInput("unknown attack type '" + type + "'; known types: " + AttackTypes.names());
    }
    ObjectNode params = node.deepCopy();
    params.remove("type");
    Attack attack;
    try {
      attack = MAPPER.treeToValue(params, cls);
    } catch (UnrecognizedPropertyException e) {
      throw new BadInput("unknown parameter '" + e.getPropertyName() + "' for " + type + "; parameters: "
          + parameters(cls));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BadInput(type + ": " + cause.getMessage());
    } catch (InvalidFormatException e) {
      throw new BadInput(type + ": parameter '" + path(e) + "' cannot be " + e.getValue() + " ("
          + e.getTargetType().getSimpleName() + " expected)");
    } catch (MismatchedInputException e) {
      throw new BadInput(type + ": parameter '" + path(e) + "' has the wrong JSON type ("
          + (e.getTargetType() == null ? "?" : e.getTargetType().getSimpleName()) + " expected)");
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new BadInput("bad parameters for " + type + ": " + e.getMessage());
    }
    // Keys are named, never sent: every name must already be in the key store.
    JsonNode named = params.path("keys");
    if (named.isObject()) {
      named.fields().forEachRemaining(role -> role.getValue().forEach(k -> {
        if (keys.get(k.asText()).isEmpty()) {
          throw new BadInput(type + ": no key named '" + k.asText() + "' for role " + role.getKey()
              + " in the attacker's key store (known: " + keys.names() + "); keys are registered through the "
              + "Java API (proxy.keys().put), never sent as JSON");
        }
      }));
    }
    return attack;
  }

  public static ObjectNode toJson(AppliedAttack applied) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("id", applied.id());
    out.put("type", applied.attack().type());
    out.setAll((ObjectNode) MAPPER.valueToTree(applied.attack()));
    out.put("appliedAt", applied.appliedAt().toString());
    return out;
  }

  public static String parameters(Class<?> cls) {
    return cls.isRecord()
        ? Arrays.stream(cls.getRecordComponents()).map(c -> c.getName()).collect(Collectors.joining(", "))
        : "?";
  }

  public static List<String> parameterList(Class<?> cls) {
    return Arrays.stream(cls.getRecordComponents()).map(c -> c.getName()).toList();
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
