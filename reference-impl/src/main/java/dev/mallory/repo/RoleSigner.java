package dev.mallory.repo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.CanonicalJson;
import dev.mallory.model.Signature;
import dev.mallory.model.Signed;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.RoleFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs a role with offline keys held here and online keys held by a {@link SigningService}: the
 * payload is the canonical JSON of {@code signed} (spec 4.2), the file the compact envelope.
 */
public final class RoleSigner {
  private RoleSigner() {}

  public static RoleFile sign(
      Dialect dialect,
      String repository,
      String role,
      Signed signed,
      List<SigningKey> offlineKeys,
      SigningService online,
      List<String> onlineKeyIds) {
    return sign(dialect, repository, role, signed, offlineKeys, online, onlineKeyIds, null);
  }

  /** As above, through the unchecked path of a scenario repository when {@code invalid} is set. */
  static RoleFile sign(
      Dialect dialect,
      String repository,
      String role,
      Signed signed,
      List<SigningKey> offlineKeys,
      SigningService online,
      List<String> onlineKeyIds,
      InvalidSetups invalid) {
    ObjectNode json = dialect.toJson(signed);
    if (invalid != null) {
      json = invalid.apply(role, json);
    }
    byte[] payload = CanonicalJson.encode(json);
    List<Signature> signatures = new ArrayList<>();
    for (SigningKey key : offlineKeys) {
      signatures.add(key.sign(payload));
    }
    if (online != null && !onlineKeyIds.isEmpty()) {
      for (Signature s : online.sign(repository, onlineKeyIds, payload)) {
        if (signatures.stream().noneMatch(existing -> existing.keyId().equals(s.keyId()))) {
          signatures.add(s);
        }
      }
    }
    if (invalid != null) {
      signatures = invalid.withAliases(signatures);
    }
    return RoleFile.of(role, signed.version(), dialect.envelope(json, signatures));
  }
}
