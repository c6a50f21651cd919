package dev.mallory.client;

import dev.mallory.client.errors.TrustPinningException;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.model.Key;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Notary's trust bootstrap (client config {@code trust_pinning}, notary {@code trustpin.go}), in
 * Notary's precedence: pinned root certificate key ids ({@code certs}), else a pinned CA
 * ({@code ca}), else trust on first use unless disabled. The root threshold must be met by
 * signatures of keys that pass the pin; root certificates must name the GUN as their CN.
 *
 * @param certIds {@code trust_pinning.certs[gun]}: root key ids accepted
 * @param cas {@code trust_pinning.ca[gun prefix]}: CAs that must have issued the root certificate
 * @param trustOnFirstUse false for {@code disable_tofu: true}
 */
public record NotaryTrustPinning(List<String> certIds, List<X509Certificate> cas, boolean trustOnFirstUse) {
  public static final NotaryTrustPinning TOFU = new NotaryTrustPinning(List.of(), List.of(), true);

  public NotaryTrustPinning {
    certIds = List.copyOf(certIds);
    cas = List.copyOf(cas);
  }

  public boolean pins() {
    return !certIds.isEmpty() || !cas.isEmpty();
  }

  /** Checks a root against the pins; throws {@link TrustPinningException}. */
  public void check(Metadata<Root> root, String gun, Instant referenceTime) {
    Role rootRole = root.signed().role(RoleType.ROOT);
    List<String> allowed = new ArrayList<>();
    for (String keyId : rootRole.keyIds()) {
      Key key = root.signed().keys().get(keyId);
      if (key == null) {
        continue;
      }
      Optional<X509Certificate> cert = certificate(key);
      if (cert.isPresent() && !gun.equals(commonName(cert.get()))) {
        continue; // Notary: a root certificate's CN must be the GUN.
      }
      boolean ok;
      if (!certIds.isEmpty()) {
        ok = certIds.contains(keyId);
      } else if (!cas.isEmpty()) {
        ok = cert.isPresent() && issuedByPinnedCa(cert.get(), referenceTime);
      } else {
        ok = trustOnFirstUse;
      }
      if (ok) {
        allowed.add(keyId);
      }
    }
    if (!pins() && !trustOnFirstUse) {
      throw new TrustPinningException(gun, "trust on first use is disabled and nothing is pinned");
    }
    ThresholdCheck.Result result = ThresholdCheck.count(root.signedBytes(), root.signatures(),
        root.signed().keys(), allowed, rootRole.threshold(), KeyEncoding.NOTARY);
    if (!result.reached()) {
      throw new TrustPinningException(gun, "unable to match any certificates to trust_pinning config ("
          + result.valid() + "/" + rootRole.threshold() + " pinned root keys signed)");
    }
  }

  private boolean issuedByPinnedCa(X509Certificate cert, Instant time) {
    for (X509Certificate ca : cas) {
      try {
        cert.checkValidity(Date.from(time));
        ca.checkValidity(Date.from(time));
        cert.verify(ca.getPublicKey());
        return true;
      } catch (java.security.GeneralSecurityException | RuntimeException e) {
        // try the next CA
      }
    }
    return false;
  }

  static Optional<X509Certificate> certificate(Key key) {
    if (!key.keyType().endsWith("-x509")) {
      return Optional.empty();
    }
    try {
      byte[] pem = Base64.getDecoder().decode(key.publicValue());
      return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem)));
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (javax.naming.InvalidNameException e) {
      return null;
    }
    return null;
  }
}
