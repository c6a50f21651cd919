package dev.mallory.external;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code trust_pinning} section of a notary client config: how a client decides to trust a
 * repository's root the first time it sees it.
 *
 * @param certs       GUN to the root certificate key ids it must use (the ids in root.json's
 *                    {@code roles.root.keyids})
 * @param ca          GUN prefix to a CA certificate (PEM) that must have issued the root certificate;
 *                    the real client resolves these paths against its working directory, not the config
 *                    file, so they are written absolute
 * @param disableTofu true: a GUN matched by neither map is refused instead of trusted on first use
 */
public record TrustPinning(Map<String, List<String>> certs, Map<String, Path> ca, boolean disableTofu) {

    public TrustPinning {
        certs = Map.copyOf(certs);
        ca = Map.copyOf(ca);
    }

    /** No pinning and TOFU on: the client default. */
    public static TrustPinning tofu() {
        return new TrustPinning(Map.of(), Map.of(), false);
    }

    public static TrustPinning certs(String gun, String... rootKeyIds) {
        return new TrustPinning(Map.of(gun, List.of(rootKeyIds)), Map.of(), false);
    }

    public static TrustPinning ca(String gunPrefix, Path caCert) {
        return new TrustPinning(Map.of(), Map.of(gunPrefix, caCert), false);
    }

    public TrustPinning withDisableTofu(boolean disable) {
        return new TrustPinning(certs, ca, disable);
    }

    /** The JSON object for the client config, as plain maps. */
    Map<String, Object> toConfig() {
        Map<String, Object> section = new LinkedHashMap<>();
        if (!certs.isEmpty()) {
            section.put("certs", certs);
        }
        if (!ca.isEmpty()) {
            Map<String, String> paths = new LinkedHashMap<>();
            ca.forEach((prefix, file) -> paths.put(prefix, file.toAbsolutePath().toString()));
            section.put("ca", paths);
        }
        section.put("disable_tofu", disableTofu);
        return section;
    }
}
