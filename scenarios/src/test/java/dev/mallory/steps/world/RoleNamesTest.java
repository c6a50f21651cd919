package dev.mallory.steps.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleNamesTest {
  private final RoleNames notary = new RoleNames(Dialect.NOTARY);
  private final RoleNames tuf = new RoleNames(Dialect.TUF_1_0);

  @Test
  void notaryNamesADelegatedRoleByItsPathUnderItsDelegator() {
    assertThat(notary.delegate("targets", "app-team", List.of("app/*"), false).name()).isEqualTo("targets/app-team");
    assertThat(notary.name("app-team")).isEqualTo("targets/app-team");
    assertThat(notary.delegate(notary.name("app-team"), "contractor", List.of("app/tools/*"), false).name())
        .isEqualTo("targets/app-team/contractor");
    assertThat(notary.name("contractor")).isEqualTo("targets/app-team/contractor");
  }

  @Test
  void topLevelAndUnknownNamesAreTheirOwn() {
    assertThat(notary.name("snapshot")).isEqualTo("snapshot");
    assertThat(notary.name("targets")).isEqualTo("targets");
    assertThat(notary.name("never-delegated")).isEqualTo("never-delegated");
  }

  @Test
  void tufKeepsEveryNameAndPatternAndChecksNothing() {
    RoleNames.Delegated d = tuf.delegate("targets", "app-team", List.of("app/*"), true);
    assertThat(d.name()).isEqualTo("app-team");
    assertThat(d.paths()).containsExactly("app/*");
    assertThat(tuf.name("app-team")).isEqualTo("app-team");
    // A second delegator is a TUF diamond, not a conflict.
    assertThat(tuf.delegate("team-b", "app-team", List.of("b/*"), false).name()).isEqualTo("app-team");
    assertThatCode(() -> tuf.checkListing("app-team", "app/plugins/loader.so")).doesNotThrowAnyException();
  }

  @Test
  void aPatternBecomesThePrefixBeforeItsFirstWildcard() {
    assertThat(RoleNames.prefixOf("app/*")).isEqualTo("app/");
    assertThat(RoleNames.prefixOf("*")).isEqualTo("");
    assertThat(RoleNames.prefixOf("*/*")).isEqualTo("");
    assertThat(RoleNames.prefixOf("app/v?.tgz")).isEqualTo("app/v");
    assertThat(RoleNames.prefixOf("lib/[ab]*")).isEqualTo("lib/");
    assertThat(RoleNames.prefixOf("docs/readme.txt")).isEqualTo("docs/readme.txt");
    assertThat(notary.delegate("targets", "app-team", List.of("app/*", "tools/x?"), false).paths()).containsExactly("app/", "tools/x");
  }

  @Test
  void aRoleWithASecondDelegatorIsNotApplicableInNotary() {
    notary.delegate("targets", "team-a", List.of("a/*"), false);
    notary.delegate("targets", "team-b", List.of("b/*"), false);
    notary.delegate("targets/team-a", "release", List.of("a/*"), false);
    assertThatThrownBy(() -> notary.delegate("targets/team-b", "release", List.of("b/*"), false))
        .isInstanceOf(NotApplicableException.class)
        .hasMessageContaining("targets/team-a/release")
        .hasMessageContaining("targets/team-b/release");
  }

  @Test
  void aDelegationCycleIsNotApplicableInNotary() {
    notary.delegate("targets", "ring-a", List.of("*"), false);
    notary.delegate(notary.name("ring-a"), "ring-b", List.of("*"), false);
    assertThatThrownBy(() -> notary.delegate(notary.name("ring-b"), "ring-a", List.of("*"), false))
        .isInstanceOf(NotApplicableException.class)
        .hasMessageContaining("targets/ring-a/ring-b/ring-a");
  }

  @Test
  void aTerminatingDelegationIsNotApplicableInNotary() {
    assertThatThrownBy(() -> notary.delegate("targets", "app-team", List.of("app/*"), true))
        .isInstanceOf(NotApplicableException.class)
        .hasMessageContaining("terminating");
  }

  @Test
  void aListingWherePrefixAndPatternAgreeIsApplicable() {
    notary.delegate("targets", "app-team", List.of("app/*"), false);
    // Inside the pattern and the prefix, outside both, and case-sensitively outside both.
    assertThatCode(() -> notary.checkListing("targets/app-team", "app/cli.tgz")).doesNotThrowAnyException();
    assertThatCode(() -> notary.checkListing("targets/app-team", "tools/backup.sh")).doesNotThrowAnyException();
    assertThatCode(() -> notary.checkListing("targets/app-team", "APP/cli.tgz")).doesNotThrowAnyException();
    // The top-level targets role holds every path.
    assertThatCode(() -> notary.checkListing("targets", "anything/at/all")).doesNotThrowAnyException();
  }

  @Test
  void aListingInASubdirectoryThePrefixCoversButThePatternDoesNotIsNotApplicable() {
    notary.delegate("targets", "app-team", List.of("app/*"), false);
    assertThatThrownBy(() -> notary.checkListing("targets/app-team", "app/plugins/loader.so"))
        .isInstanceOf(NotApplicableException.class)
        .hasMessageContaining("\"app/\"")
        .hasMessageContaining("app/plugins/loader.so");
  }

  @Test
  void aChildWiderThanItsDelegatorIsJudgedAlongTheWholeChain() {
    notary.delegate("targets", "app-team", List.of("app/*"), false);
    notary.delegate("targets/app-team", "contractor", List.of("*/*"), false);
    // Outside the delegator's paths: refused by the patterns, by every prefix and by the restricted prefixes alike.
    assertThatCode(() -> notary.checkListing("targets/app-team/contractor", "tools/backup.sh")).doesNotThrowAnyException();
    // Inside both patterns: "" lies outside "app/", so a restricting client drops it, while the patterns trust it.
    assertThatThrownBy(() -> notary.checkListing("targets/app-team/contractor", "app/cli.tgz"))
        .isInstanceOf(NotApplicableException.class);
  }
}
