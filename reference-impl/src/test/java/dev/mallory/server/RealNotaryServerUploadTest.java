package dev.mallory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.dialect.Dialect;
import dev.mallory.external.NotaryServer;
import dev.mallory.model.Timestamp;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.Repository;
import dev.mallory.repo.store.Hashes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notary metadata that Mallory writes ({@link NotaryUploads}) is accepted by the real notary-server
 * 0.7.0 AND stays servable: notary-server pins the snapshot in its timestamp by the hash of Go's
 * byte form of the snapshot, then looks the snapshot up by that hash. Bytes in another form are
 * accepted on upload but leave the GUN without a timestamp (404 for every client).
 */
class RealNotaryServerUploadTest {
  private static final String GUN = "example.com/uploaded";

  @TempDir Path dir;

  @Test
  void uploadedMetadataIsServedBackWithATimestampPinningTheUploadedSnapshot() throws Exception {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (NotaryServer notary = NotaryServer.start(dir)) {
      Repository client = NotaryUploads.clientRepository(notary.url(), GUN);
      for (int i = 0; i < 20; i++) { // enough entries that any unsorted map order shows
        client.addTarget("pkg/file-" + i + ".tgz", ("content " + i).getBytes(StandardCharsets.UTF_8));
      }
      client.delegate("targets", "targets/releases", Delegation.paths("rel/"));
      client.addTarget("targets/releases", "rel/one", "one".getBytes(StandardCharsets.UTF_8));
      client.publish();
      HttpResponse<String> up = NotaryUploads.upload(notary.url(), GUN,
          NotaryUploads.files(client, "root", "targets", "targets/releases", "snapshot"), null);
      assertThat(up.statusCode()).as(up.body()).isEqualTo(200);

      HttpResponse<byte[]> ts = NotaryUploads.get(notary.url(), "/v2/" + GUN + "/_trust/tuf/timestamp.json");
      assertThat(ts.statusCode()).as(new String(ts.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      Timestamp timestamp = Dialect.NOTARY.parse(ts.body(), Timestamp.class).signed();
      byte[] snapshot = client.current("snapshot").orElseThrow().bytes();
      assertThat(timestamp.snapshotMeta().hashes().get("sha256")).isEqualTo(Hashes.sha256(snapshot));
      for (String role : new String[] {"root", "targets", "snapshot", "targets/releases"}) {
        assertThat(NotaryUploads.get(notary.url(), "/v2/" + GUN + "/_trust/tuf/" + role + ".json").body())
            .as(role).isEqualTo(client.current(role).orElseThrow().bytes());
      }
    }
  }
}
