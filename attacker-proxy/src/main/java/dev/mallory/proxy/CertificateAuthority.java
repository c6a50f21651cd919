package dev.mallory.proxy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The interception CA: generated at start (nothing committed that can expire), exported as PEM for
 * clients to trust ({@code notary --tlscacert}), issuing a leaf per host name on first use. A
 * client that trusts it cannot tell the proxy from the server; one that does not refuses the
 * handshake, which is what TLS is for.
 */
public final class CertificateAuthority {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern IP = Pattern.compile("^[0-9.]+$|^\\[?[0-9a-fA-F:]+]?$");

  private final KeyPair caKeys;
  private final X509Certificate caCert;
  private final Map<String, SslContext> leaves = new ConcurrentHashMap<>();

  private CertificateAuthority(KeyPair caKeys, X509Certificate caCert) {
    this.caKeys = caKeys;
    this.caCert = caCert;
  }

  /** A fresh CA valid from an hour ago for 30 days. */
  public static CertificateAuthority generate(String commonName) {
    try {
      KeyPair keys = ecKeys();
      X500Name subject = new X500Name("CN=" + commonName);
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, RANDOM),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
          keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new CertificateAuthority(keys, sign(builder, keys.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the interception CA", e);
    }
  }

  public X509Certificate certificate() {
    return caCert;
  }

  /** The CA certificate as PEM, for {@code --tlscacert}, {@code NODE_EXTRA_CA_CERTS}, a trust store. */
  public String certificatePem() {
    try {
      return pem("CERTIFICATE", caCert.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server TLS context presenting a leaf for {@code host} (DNS name or IP literal). */
  public SslContext serverContext(String host) {
    return leaves.computeIfAbsent(host, this::issue);
  }

  /** A leaf certificate and its private key, both PEM (for servers started outside the JVM). */
  public record PemLeaf(String certificatePem, String privateKeyPem) {}

  /** Issues a server leaf for these DNS names / IP literals, as PEM (PKCS#8 key). */
  public PemLeaf issuePem(String... names) {
    try {
      KeyPair keys = ecKeys();
      X509Certificate leaf = leaf(keys, names);
      return new PemLeaf(pem("CERTIFICATE", leaf.getEncoded()), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue a certificate for " + String.join(",", names), e);
    }
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private X509Certificate leaf(KeyPair keys, String... names) throws Exception {
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(new X500Name(caCert.getSubjectX500Principal().getName()),
        new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(7))), new X500Name("CN=" + names[0].replace(",", "")), keys.getPublic());
    GeneralName[] sans = new GeneralName[names.length];
    for (int i = 0; i < names.length; i++) {
      String host = names[i];
      String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      sans[i] = IP.matcher(host).matches()
          ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(bare).getHostAddress())
          : new GeneralName(GeneralName.dNSName, host);
    }
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return sign(builder, caKeys.getPrivate());
  }

  private SslContext issue(String host) {
    try {
      KeyPair keys = ecKeys();
      X509Certificate leaf = leaf(keys, host);
      return SslContextBuilder.forServer(keys.getPrivate(), leaf, caCert).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a TLS context for " + host, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue a certificate for " + host, e);
    }
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
