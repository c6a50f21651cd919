package dev.mallory.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.dialect.Dialect;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Requests in TUF terms: every layout the proxy must recognise, and the paths it must not. */
class ClassifierTest {
  private static final String H64 = "0123456789abcdef".repeat(4);
  private static final String H128 = H64 + H64;

  private static Classified get(String rawPath) {
    return Classifier.classify("GET", rawPath);
  }

  @Nested
  class Tuf {
    @Test
    void roleByName_atTheRoot() {
      Classified c = get("/metadata/timestamp.json");
      assertThat(c.dialect()).isEqualTo(Dialect.TUF_1_0);
      assertThat(c.kind()).isEqualTo(FileKind.METADATA);
      assertThat(c.repository()).isEmpty();
      assertThat(c.role()).isEqualTo("timestamp");
      assertThat(c.naming()).isEqualTo(Naming.BY_NAME);
      assertThat(c.version()).isNull();
      assertThat(c.metadataBase()).isEqualTo("/metadata/");
    }

    @Test
    void reposPrefix_namesTheRepository() {
      Classified c = get("/repos/app/metadata/3.snapshot.json");
      assertThat(c.repository()).isEqualTo("app");
      assertThat(c.role()).isEqualTo("snapshot");
      assertThat(c.naming()).isEqualTo(Naming.BY_VERSION);
      assertThat(c.version()).isEqualTo(3L);
      assertThat(c.metadataBase()).isEqualTo("/repos/app/metadata/");
    }

    @Test
    void otherPrefix_isTheRepositoryName() {
      Classified c = get("/mirror/metadata/root.json");
      assertThat(c.repository()).isEqualTo("mirror");
      assertThat(c.metadataBase()).isEqualTo("/mirror/metadata/");
    }

    @Test
    void consistentSnapshotNames_forTopLevelAndDelegatedRoles() {
      assertThat(get("/metadata/12.targets.json")).satisfies(c -> {
        assertThat(c.role()).isEqualTo("targets");
        assertThat(c.version()).isEqualTo(12L);
      });
      assertThat(get("/metadata/1.root.json").role()).isEqualTo("root");
      Classified d = get("/repos/app/metadata/4.releases.json");
      assertThat(d.role()).isEqualTo("releases");
      assertThat(d.version()).isEqualTo(4L);
      assertThat(d.naming()).isEqualTo(Naming.BY_VERSION);
      // A role whose name starts with digits and a dot is still read as N.role.json.
      assertThat(get("/metadata/7.2024.q1.json")).satisfies(c -> {
        assertThat(c.version()).isEqualTo(7L);
        assertThat(c.role()).isEqualTo("2024.q1");
      });
    }

    @Test
    void percentEncodedRoleNames_areDecoded() {
      Classified c = get("/metadata/2.a%2Fb.json");
      assertThat(c.role()).isEqualTo("a/b");
      assertThat(c.version()).isEqualTo(2L);
      assertThat(get("/metadata/my%20role.json").role()).isEqualTo("my role");
      // '+' in a path is a plus, not a space.
      assertThat(get("/metadata/c%2B%2B+libs.json").role()).isEqualTo("c+++libs");
      // Broken escapes are kept as sent, never an exception.
      assertThat(get("/metadata/bad%zzrole.json").role()).isEqualTo("bad%zzrole");
    }

    @Test
    void hashPrefixedTargets_inSubdirectories() {
      Classified c = get("/targets/dir/sub/" + H64 + ".file-1.0.tgz");
      assertThat(c.kind()).isEqualTo(FileKind.TARGET);
      assertThat(c.dialect()).isEqualTo(Dialect.TUF_1_0);
      assertThat(c.hash()).isEqualTo(H64);
      assertThat(c.targetPath()).isEqualTo("dir/sub/file-1.0.tgz");
      assertThat(c.role()).isNull();
      assertThat(c.metadataBase()).isEqualTo("/metadata/");

      Classified sha512 = get("/repos/app/targets/" + H128 + ".a.txt");
      assertThat(sha512.hash()).isEqualTo(H128);
      assertThat(sha512.targetPath()).isEqualTo("a.txt");
      assertThat(sha512.repository()).isEqualTo("app");
      assertThat(sha512.metadataBase()).isEqualTo("/repos/app/metadata/");
    }

    @Test
    void targetsWithoutHash_andHashLookalikes() {
      Classified plain = get("/targets/dir/a.txt");
      assertThat(plain.hash()).isNull();
      assertThat(plain.targetPath()).isEqualTo("dir/a.txt");
      // Upper-case hex or a short prefix is part of the name, not a hash.
      Classified upper = get("/targets/" + H64.toUpperCase() + ".a.txt");
      assertThat(upper.hash()).isNull();
      assertThat(upper.targetPath()).isEqualTo(H64.toUpperCase() + ".a.txt");
      assertThat(get("/targets/abc123.a.txt").hash()).isNull();
      // A hash in a directory name is not a prefix of the file name.
      assertThat(get("/targets/" + H64 + ".d/a.txt")).satisfies(c -> {
        assertThat(c.hash()).isNull();
        assertThat(c.targetPath()).isEqualTo(H64 + ".d/a.txt");
      });
      // Percent-encoded target paths are decoded.
      assertThat(get("/targets/dir%2Fsp%20ace.txt").targetPath()).isEqualTo("dir/sp ace.txt");
    }

    @Test
    void notMetadata() {
      assertThat(get("/metadata/readme.txt").kind()).isEqualTo(FileKind.OTHER);
      assertThat(get("/metadata/.json").kind()).isEqualTo(FileKind.OTHER);
      assertThat(get("/").kind()).isEqualTo(FileKind.OTHER);
      assertThat(get("/healthz").dialect()).isNull();
    }
  }

  @Nested
  class Notary {
    private static final String BASE = "/v2/example.com/app/_trust/tuf/";

    @Test
    void roleByName() {
      Classified c = get(BASE + "root.json");
      assertThat(c.dialect()).isEqualTo(Dialect.NOTARY);
      assertThat(c.kind()).isEqualTo(FileKind.METADATA);
      assertThat(c.repository()).isEqualTo("example.com/app");
      assertThat(c.role()).isEqualTo("root");
      assertThat(c.naming()).isEqualTo(Naming.BY_NAME);
      assertThat(c.metadataBase()).isEqualTo(BASE);
    }

    @Test
    void roleByHash_sha256AndSha512() {
      Classified c = get(BASE + "snapshot." + H64 + ".json");
      assertThat(c.role()).isEqualTo("snapshot");
      assertThat(c.naming()).isEqualTo(Naming.BY_HASH);
      assertThat(c.hash()).isEqualTo(H64);
      assertThat(get(BASE + "targets." + H128 + ".json").hash()).isEqualTo(H128);
    }

    @Test
    void roleByVersion() {
      Classified c = get(BASE + "2.root.json");
      assertThat(c.role()).isEqualTo("root");
      assertThat(c.naming()).isEqualTo(Naming.BY_VERSION);
      assertThat(c.version()).isEqualTo(2L);
    }

    @Test
    void delegatedRoles_byNameAndByHash() {
      Classified byName = get(BASE + "targets/releases.json");
      assertThat(byName.role()).isEqualTo("targets/releases");
      assertThat(byName.naming()).isEqualTo(Naming.BY_NAME);
      Classified byHash = get(BASE + "targets/releases." + H64 + ".json");
      assertThat(byHash.role()).isEqualTo("targets/releases");
      assertThat(byHash.naming()).isEqualTo(Naming.BY_HASH);
      assertThat(byHash.hash()).isEqualTo(H64);
      assertThat(get(BASE + "targets%2Freleases.json").role()).isEqualTo("targets/releases");
    }

    @Test
    void keyEndpoints() {
      Classified ts = get(BASE + "timestamp.key");
      assertThat(ts.kind()).isEqualTo(FileKind.KEY);
      assertThat(ts.role()).isEqualTo("timestamp");
      assertThat(ts.repository()).isEqualTo("example.com/app");
      assertThat(get(BASE + "snapshot.key").role()).isEqualTo("snapshot");
    }

    @Test
    void gunsWithSlashes_andAPrefixBeforeV2() {
      Classified c = get("/notary/v2/docker.io/library/alpine/_trust/tuf/timestamp.json");
      assertThat(c.repository()).isEqualTo("docker.io/library/alpine");
      assertThat(c.role()).isEqualTo("timestamp");
      assertThat(c.metadataBase()).isEqualTo("/notary/v2/docker.io/library/alpine/_trust/tuf/");
      assertThat(get("/v2/a/_trust/tuf/root.json").repository()).isEqualTo("a");
    }

    @Test
    void upload_andNonTrustPaths() {
      Classified up = Classifier.classify("POST", BASE);
      assertThat(up.kind()).isEqualTo(FileKind.UPLOAD);
      assertThat(up.method()).isEqualTo("POST");
      assertThat(up.repository()).isEqualTo("example.com/app");
      assertThat(get("/v2/").kind()).isEqualTo(FileKind.OTHER);
      assertThat(get("/_notary_server/health").kind()).isEqualTo(FileKind.OTHER);
      assertThat(get(BASE + "changefeed").kind()).isEqualTo(FileKind.OTHER);
    }

    @Test
    void aNotaryHashName_underTufMetadata_isNotByHash() {
      // TUF 1.0 has no role.<hash>.json: such a name is a role called "snapshot.<hash>".
      Classified c = get("/metadata/snapshot." + H64 + ".json");
      assertThat(c.dialect()).isEqualTo(Dialect.TUF_1_0);
      assertThat(c.naming()).isEqualTo(Naming.BY_NAME);
      assertThat(c.role()).isEqualTo("snapshot." + H64);
    }
  }

  @Test
  void repeatedRequests_areAnsweredFromTheCache_perMethod() {
    Classified a = get("/metadata/timestamp.json");
    assertThat(get("/metadata/timestamp.json")).isSameAs(a);
    Classified head = Classifier.classify("HEAD", "/metadata/timestamp.json");
    assertThat(head.method()).isEqualTo("HEAD");
    assertThat(head).isNotSameAs(a);
    for (int i = 0; i < 10_000; i++) { // many distinct paths: bounded, and answers stay right
      assertThat(get("/targets/f" + i).targetPath()).isEqualTo("f" + i);
    }
    assertThat(get("/metadata/timestamp.json")).isEqualTo(a);
  }
}
