package dev.mallory.sut.naive;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three teaching clients, by the name used in specs ({@code naive:signature-only}) and on the CLI ({@code --kind}). */
public enum NaiveKind {
  /** The GPG model: one key, no freshness. See {@link SignatureOnlyUpdater}. */
  SIGNATURE_ONLY("signature-only"),
  /** Docker 1.3 "verified": signed metadata, unchecked payload. See {@link UncheckedPayloadUpdater}. */
  UNCHECKED_PAYLOAD("unchecked-payload"),
  /** Trust on first use without pinning. See {@link TofuUpdater}. */
  TOFU("tofu");

  private final String id;

  NaiveKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public NaiveUpdater newUpdater() {
    return switch (this) {
      case SIGNATURE_ONLY -> new SignatureOnlyUpdater();
      case UNCHECKED_PAYLOAD -> new UncheckedPayloadUpdater();
      case TOFU -> new TofuUpdater();
    };
  }

  public static NaiveKind of(String id) {
    for (NaiveKind kind : values()) {
      if (kind.id.equals(id.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown naive client '" + id + "' (known: "
        + Arrays.stream(values()).map(NaiveKind::id).collect(Collectors.joining(", ")) + ")");
  }
}
