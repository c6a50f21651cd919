package dev.mallory.attack;

import java.util.LinkedHashMap;
import java.util.Map;

/** The catalogue: JSON type name to attack record. One line per attack; order is the README's. */
public final class AttackTypes {
  private static final Map<String, Class<? extends Attack>> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("rollback", Rollback.class);
    TYPES.put("freeze", Freeze.class);
    TYPES.put("mix-and-match", MixAndMatch.class);
    TYPES.put("fast-forward", FastForward.class);
    TYPES.put("key-compromise", KeyCompromise.class);
    TYPES.put("endless-data", EndlessData.class);
    TYPES.put("slow-retrieval", SlowRetrieval.class);
    TYPES.put("arbitrary-installation", ArbitraryInstallation.class);
    TYPES.put("wrong-software", WrongSoftware.class);
    TYPES.put("type-confusion", TypeConfusion.class);
    TYPES.put("malicious-mirror", MaliciousMirror.class);
    TYPES.put("extraneous-dependencies", ExtraneousDependencies.class);
    TYPES.put("json-forgery", JsonForgery.class);
  }

  private AttackTypes() {}

  public static Map<String, Class<? extends Attack>> all() {
    return Map.copyOf(TYPES);
  }

  public static Class<? extends Attack> classOf(String name) {
    return TYPES.get(name);
  }

  public static java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(TYPES.keySet());
  }

  public static String nameOf(Class<?> type) {
    for (var e : TYPES.entrySet()) {
      if (e.getValue() == type) {
        return e.getKey();
      }
    }
    return type.getSimpleName();
  }
}
