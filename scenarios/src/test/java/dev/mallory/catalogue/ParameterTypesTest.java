package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.steps.params.FileRef;
import dev.mallory.steps.params.Grammar;
import dev.mallory.steps.params.KeySelection;
import dev.mallory.steps.params.ReasonWords;
import dev.mallory.steps.params.RoleRef;
import dev.mallory.client.errors.Reason;
import org.junit.jupiter.api.Test;

class ParameterTypesTest {
  @Test
  void keysFollowTheReadmeGrammar() {
    assertThat("the role \"app-team\", snapshot and timestamp keys").matches(Grammar.KEYS);
    assertThat("1 of the snapshot keys and the timestamp key").matches(Grammar.KEYS);
    assertThat("the timestamp and snapshot keys").matches(Grammar.KEYS);
    assertThat("the snapshot keys please").doesNotMatch(Grammar.KEYS);

    KeySelection mixed = KeySelection.parse("1 of the snapshot keys and the timestamp key");
    assertThat(mixed.groups()).hasSize(2);
    assertThat(mixed.groups().get(0).role().name()).isEqualTo("snapshot");
    assertThat(mixed.groups().get(0).count()).hasValue(1);
    assertThat(mixed.groups().get(1).count()).isEmpty();
    assertThat(KeySelection.parse("the role \"app-team\", snapshot and timestamp keys").groups())
        .extracting(g -> g.role().name()).containsExactly("app-team", "snapshot", "timestamp");
    assertThat(KeySelection.parse("no keys").none()).isTrue();
  }

  @Test
  void reasonsSplitOnlyBetweenWords() {
    ReasonWords words = ReasonWords.parse("an oversized download or a length or hash mismatch");
    assertThat(words.words()).containsExactly("oversized download", "length or hash mismatch");
    assertThat(words.accepts(Reason.LENGTH_OR_HASH_MISMATCH)).isTrue();
    assertThat(ReasonWords.parse("a version mismatch").accepts(Reason.ROLLBACK)).isTrue();
    assertThat(words.accepts(Reason.EXPIRED)).isFalse();
  }

  @Test
  void rolesAndFiles() {
    assertThat(RoleRef.parse("role \"bin-0\"").name()).isEqualTo("bin-0");
    assertThat(RoleRef.parse("role \"bin-0\"").isTopLevel()).isFalse();
    assertThat(FileRef.parse("target \"app.tgz\"")).isEqualTo(new FileRef.Target("app.tgz"));
    assertThat(FileRef.parse("snapshot")).isEqualTo(new FileRef.Metadata(new RoleRef("snapshot")));
  }
}
