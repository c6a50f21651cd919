package dev.mallory.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh ECDSA P-256 delegation key, as PEM files the real notary client accepts.
 *
 * <p>Why not {@code notary key generate -o}: the private key it writes has only a {@code role:}
 * header, and {@code notary key import} of that same file fails ("invalid key pem block"). An
 * unencrypted PKCS#8 key imports fine (the client encrypts it with the delegation passphrase).
 *
 * <p>{@code notary delegation add} accepts both files below: the certificate becomes an
 * {@code ecdsa-x509} key in targets.json (what Docker Content Trust uses), the bare public key an
 * {@code ecdsa} key.
 *
 * @param privateKeyFile  unencrypted PKCS#8 PEM ({@code PRIVATE KEY}), for {@code notary key import}
 * @param publicKeyFile   SubjectPublicKeyInfo PEM ({@code PUBLIC KEY})
 * @param certificateFile self-signed X.509 certificate PEM, valid from an hour ago for a year
 */
public record DelegationKey(Path privateKeyFile, Path publicKeyFile, Path certificateFile) {

    /** Writes {@code <name>.key}, {@code <name>.pub} and {@code <name>.crt} into {@code dir}. */
    public static DelegationKey generate(Path dir, String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();

            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + name.replaceAll("[,+=\"\\\\<>;]", "_"));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), // tolerate a little clock skew
                    Date.from(now.plus(Duration.ofDays(365))),
                    subject, pair.getPublic());
            // Same usages notary gives its own certificates.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
            X509CertificateHolder certificate = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));

            Files.createDirectories(dir);
            DelegationKey key = new DelegationKey(dir.resolve(name + ".key"), dir.resolve(name + ".pub"),
                    dir.resolve(name + ".crt"));
            Files.writeString(key.privateKeyFile(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(key.publicKeyFile(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(key.certificateFile(), pem("CERTIFICATE", certificate.getEncoded()));
            return key;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate an ECDSA P-256 delegation key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write delegation key files in " + dir, e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
