package dev.mallory.attack;

/** {@link Effect#name()}'s cache: every journal entry names its effect, and reflection each time costs. */
final class EffectNames {
  static final ClassValue<String> NAMES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      return type.getSimpleName();
    }
  };

  private EffectNames() {}
}
