package dev.mallory.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Delegation path matching (spec 5.6.7.2): glob patterns with fnmatchcase semantics per
 * {@code /}-separated component, path_hash_prefixes, and TAP 15 succinct hash bins.
 */
class DelegationMatchingTest {

  private static boolean glob(String pattern, String path) {
    return PathMatching.GLOB.matches(pattern, path);
  }

  // Expected values are what Python gives for
  //   len(p.split("/")) == len(t.split("/")) and all(fnmatchcase(a, b) for a, b in zip(t, p))
  @ParameterizedTest(name = "glob {0} vs {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*|foo.tgz|true",
        "*|dir/foo.tgz|false", // '*' does not cross '/' (spec example)
        "*.tgz|targets/foo.tgz|false", // spec example
        "*/*.tgz|targets/foo.tgz|true",
        "targets/*.tgz|targets/foo.tgz|true",
        "targets/*.tgz|targets/sub/foo.tgz|false",
        "foo-version-?.tgz|foo-version-2.tgz|true",
        "foo-version-?.tgz|foo-version-alpha.tgz|false", // spec example
        "?|/|false",
        "a?c|a/c|false",
        "FOO.tgz|foo.tgz|false", // case-sensitive everywhere (GHSA-qp9x-wp8f-qgjj)
        "foo.TGZ|foo.tgz|false",
        "[abc].txt|b.txt|true",
        "[abc].txt|d.txt|false",
        "[!a].txt|b.txt|true",
        "[!a].txt|a.txt|false",
        "[a-c]x|bx|true",
        "[a-c]x|dx|false",
        "[!a-c]x|dx|true",
        "[]]|]|true", // ']' first in a class is literal
        "[!]]|a|true",
        "[a-]|-|true", // trailing '-' is literal
        "[|[|true", // an unterminated '[' is a literal '['
        "[abc|[abc|true",
        "a*b*c|aXXbYYc|true",
        "a*b*c|aXXbYY|false",
        "**|anything|true",
        "*|''|true",
        "''|''|true",
        "''|a|false",
        "dir/|dir/|true", // empty last component on both sides
        "dir/|dir/a|false",
        "dir/*|dir/|true", // '*' matches the empty component
        "/a|/a|true",
        "a//b|a//b|true",
        "a/*/b|a//b|true",
        "\\*|\\x|true", // no escaping in fnmatch: backslash is a literal, '*' still a wildcard
        "\\*|x|false",
        "\\*|\\|true",
        ".*|.hidden|true", // fnmatch has no dot-file rule
        "*.tar.gz|a.tar.gz|true",
      })
  void globMatchesPerComponentWithFnmatchcaseSemantics(String pattern, String path, boolean expected) {
    assertThat(glob(unquote(pattern), unquote(path))).isEqualTo(expected);
  }

  private static String unquote(String s) {
    return s.equals("''") ? "" : s;
  }

  @Test
  void questionMarkMatchesOneNonBmpCharacterLikePython() {
    // Python: fnmatchcase("\U0001F600", "?") is True, and "??" is False (one code point).
    assertThat(glob("?", "\uD83D\uDE00")).isTrue();
    assertThat(glob("??", "\uD83D\uDE00")).isFalse();
    assertThat(glob("a?b", "a\uD83D\uDE00b")).isTrue();
  }

  @Test
  void classHoldsNonBmpCharactersLikePython() {
    // fnmatchcase("\U0001F600", "[\U0001F600x]") is True; "[!\U0001F600]" does not match it.
    assertThat(glob("[\uD83D\uDE00x]", "\uD83D\uDE00")).isTrue();
    assertThat(glob("[!\uD83D\uDE00]", "\uD83D\uDE00")).isFalse();
    assertThat(glob("[!\uD83D\uDE00]", "\uD83D\uDE01")).isTrue();
  }

  @Test
  void pathologicalGlobFinishesQuickly() {
    String pattern = "*a".repeat(50) + "b";
    String path = "a".repeat(5_000);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(5), () -> assertThat(glob(pattern, path)).isFalse());
  }

  @Test
  void notaryPrefixMatchingIsPlainStringPrefix() {
    assertThat(PathMatching.PREFIX.matches("", "anything")).isTrue();
    assertThat(PathMatching.PREFIX.matches("app/", "app/v1")).isTrue();
    assertThat(PathMatching.PREFIX.matches("app/", "apple")).isFalse();
    assertThat(PathMatching.PREFIX.matches("App/", "app/v1")).isFalse();
  }

  // ---- path_hash_prefixes ---------------------------------------------------------------------

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void pathHashPrefixMatchesSha256OfTheUtf8Path() throws Exception {
    // sha256("bar") = fcde2b2e...; sha256("foo") = 2c26b46b...
    assertThat(sha256("bar")).startsWith("fcde2b2e");
    DelegatedRole role = new DelegatedRole("r", List.of("k"), 1, false, null, List.of("fc", "00"));
    assertThat(role.isDelegatedPath("bar", PathMatching.GLOB)).isTrue();
    assertThat(role.isDelegatedPath("foo", PathMatching.GLOB)).isFalse();
    assertThat(new DelegatedRole("r", List.of("k"), 1, false, null, List.of("2c26b46b")).isDelegatedPath("foo", PathMatching.GLOB)).isTrue();
    // Upper-case hex never matches: digests are compared as lower-case hex, as python-tuf does.
    assertThat(new DelegatedRole("r", List.of("k"), 1, false, null, List.of("FC")).isDelegatedPath("bar", PathMatching.GLOB)).isFalse();
    // The empty prefix delegates every path.
    assertThat(new DelegatedRole("r", List.of("k"), 1, false, null, List.of("")).isDelegatedPath("x", PathMatching.GLOB)).isTrue();
  }

  @Test
  void pathHashOfNonAsciiPathIsOverUtf8Bytes() throws Exception {
    String path = "\u00fcber/\uD83D\uDE00";
    String prefix = sha256(path).substring(0, 6);
    assertThat(new DelegatedRole("r", List.of("k"), 1, false, null, List.of(prefix)).isDelegatedPath(path, PathMatching.GLOB)).isTrue();
  }

  @Test
  void delegatedRoleWithBothOrNeitherPathKindIsRefused() {
    assertThatThrownBy(() -> new DelegatedRole("r", List.of("k"), 1, false, List.of("*"), List.of("ab")))
        .isInstanceOf(InvalidMetadataException.class);
    assertThatThrownBy(() -> new DelegatedRole("r", List.of("k"), 1, false, null, null))
        .isInstanceOf(InvalidMetadataException.class);
  }

  // ---- succinct hash bins ---------------------------------------------------------------------

  private static SuccinctRoles bins(int bits) {
    return new SuccinctRoles(List.of("k"), 1, bits, "bin");
  }

  @Test
  void binNamesForOneTwoEightAndTenBits() {
    // name = f"{prefix}-{i:0{L}x}", L = len(f"{2**bits - 1:x}")
    assertThat(bins(1).binNames()).containsExactly("bin-0", "bin-1");
    assertThat(bins(2).binNames()).containsExactly("bin-0", "bin-1", "bin-2", "bin-3");
    assertThat(bins(8).binNames()).hasSize(256).startsWith("bin-00", "bin-01").endsWith("bin-fe", "bin-ff");
    assertThat(bins(10).binNames()).hasSize(1024).startsWith("bin-000").endsWith("bin-3ff");
    assertThat(bins(5).binNames()).hasSize(32).startsWith("bin-00").endsWith("bin-1f");
  }

  @Test
  void pythonTufVectorBarIsInBinFcAtEightBits() {
    assertThat(bins(8).roleNameForTarget("bar")).isEqualTo("bin-fc");
  }

  @Test
  void targetBinIsTheFirstBitsOfTheDigest() {
    // sha256("bar") starts fc = 1111 1100: 1 bit -> 1, 2 bits -> 3, 10 bits -> 11 1111 0011 = 3f3.
    assertThat(bins(1).roleNameForTarget("bar")).isEqualTo("bin-1");
    assertThat(bins(2).roleNameForTarget("bar")).isEqualTo("bin-3");
    assertThat(bins(10).roleNameForTarget("bar")).isEqualTo("bin-3f3");
    assertThat(bins(32).roleNameForTarget("bar")).isEqualTo("bin-fcde2b2e");
  }

  @Test
  void namesThatAreNotBinsAreNotRoles() {
    SuccinctRoles b = bins(8);
    assertThat(b.asDelegatedRole("bin-fc")).isPresent();
    for (String name : List.of("bin-FC", "bin-fcc", "bin-f", "bin-", "bin-g0", "bins-fc", "fc", "bin-+f", "bin--1")) {
      assertThat(b.asDelegatedRole(name)).as(name).isEmpty();
    }
    assertThat(bins(5).asDelegatedRole("bin-20")).as("beyond 2^5 - 1").isEmpty();
  }

  @Test
  void everyBinIsTerminatingWithTheSharedKeysAndThreshold() {
    DelegatedRole role = new SuccinctRoles(List.of("a", "b"), 2, 4, "p").asDelegatedRole("p-7").orElseThrow();
    assertThat(role.terminating()).isTrue();
    assertThat(role.keyIds()).containsExactly("a", "b");
    assertThat(role.threshold()).isEqualTo(2);
  }

  @Test
  void succinctBitLengthOutside1To32IsRefused() {
    for (int bits : new int[] {0, -1, 33}) {
      assertThatThrownBy(() -> bins(bits)).isInstanceOf(InvalidMetadataException.class);
    }
  }

  @Provide
  Arbitrary<String> targetPaths() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('/', '.', '-', '\u00e9', '\u4e2d')
        .ofMinLength(0)
        .ofMaxLength(30);
  }

  @Property(tries = 2000)
  void theBinOfATargetIsARoleThatIsDelegatedThatTarget(
      @ForAll("targetPaths") String path, @ForAll @IntRange(min = 1, max = 16) int bits) {
    SuccinctRoles b = bins(bits);
    String name = b.roleNameForTarget(path);
    Optional<DelegatedRole> role = b.asDelegatedRole(name);
    assertThat(role).isPresent();
    assertThat(role.get().isDelegatedPath(path, PathMatching.GLOB)).isTrue();
    Delegations delegations = new Delegations(java.util.Map.of(), List.of(), Optional.of(b));
    assertThat(delegations.rolesFor(path, PathMatching.GLOB)).extracting(DelegatedRole::name).containsExactly(name);
  }

  @Property(tries = 300)
  void noOtherBinIsDelegatedTheTarget(@ForAll("targetPaths") String path, @ForAll @IntRange(min = 1, max = 6) int bits) {
    SuccinctRoles b = bins(bits);
    String mine = b.roleNameForTarget(path);
    for (String name : b.binNames()) {
      boolean delegated = b.asDelegatedRole(name).orElseThrow().isDelegatedPath(path, PathMatching.GLOB);
      assertThat(delegated).as(name).isEqualTo(name.equals(mine));
    }
  }
}
