package dev.mallory.report;

import java.util.Locale;
import java.util.Map;

/**
 * What the reports know about each attack class by default: a display name, one sentence on why a
 * TUF client stops it, and an Allure severity. The engine may override the sentence per attack
 * class or per scenario ({@link RunResult#why()}); this is the fallback, so a learner always reads
 * a reason next to the attack.
 */
final class AttackCatalogue {
  record Entry(String name, String why, String severity) {}

  private static final Map<String, Entry> ENTRIES = Map.ofEntries(
      Map.entry("rollback", new Entry("Rollback",
          "A TUF client remembers the highest version of every role it trusts and refuses any lower one, so replaying older, validly signed metadata fails (spec 5.3.5, 5.4.3, 5.5.5, 5.6.4).",
          "critical")),
      Map.entry("indefinite-freeze", new Entry("Indefinite freeze",
          "Every TUF metadata file carries an expiry date the client checks against its own clock, so metadata frozen in time stops being accepted once it expires (spec 5.3.10, 5.4.4, 5.5.6, 5.6.5).",
          "critical")),
      Map.entry("mix-and-match", new Entry("Mix and match",
          "Snapshot metadata pins the version (and optionally the hash) of every targets file, and timestamp pins snapshot, so files from different repository states cannot be combined (spec 5.5.2, 5.5.4, 5.6.2, 5.6.4).",
          "critical")),
      Map.entry("fast-forward", new Entry("Fast forward",
          "After an online key is rotated, a TUF client discards the timestamp and snapshot versions it learned from the compromised key, so an inflated version cannot lock it out forever (spec 5.3.11).",
          "normal")),
      Map.entry("endless-data", new Entry("Endless data",
          "A TUF client never reads more bytes than the signed length of a file (or a fixed cap for files without one), so an endless response is cut off (spec 5.3.3, 5.4.1, 5.5.1, 5.6.1, 5.7.3).",
          "normal")),
      Map.entry("key-compromise", new Entry("Key compromise",
          "Each role needs a threshold of signatures from keys the delegating role lists, and root can revoke keys, so fewer stolen keys than the threshold sign nothing the client accepts.",
          "critical")),
      Map.entry("arbitrary-installation", new Entry("Arbitrary installation",
          "A TUF client installs only a file whose length and hashes match the signed targets metadata, so bytes the attacker substitutes are refused (spec 5.7).",
          "blocker")),
      Map.entry("wrong-software", new Entry("Wrong software",
          "A target is accepted only from a role delegated to sign that path, with the length and hashes that role signed, so another genuine file cannot stand in for the one asked for (spec 5.6.7, 5.7).",
          "critical")),
      Map.entry("extraneous-dependencies", new Entry("Extraneous dependencies",
          "Dependency lists live in signed targets metadata, so an attacker cannot add a dependency without the keys of the role that signs it (spec 5.6.3).",
          "critical")),
      Map.entry("malicious-mirrors", new Entry("Malicious mirrors",
          "Metadata is signed by the repository's keys, not by mirrors, so a mirror can withhold updates (which the client detects) but cannot serve anything the client accepts as new.",
          "normal")),
      Map.entry("trust-on-first-use", new Entry("Trust on first use",
          "A TUF client starts from a root of trust shipped out of band and verifies every later root against it, so the first download is not a leap of faith (spec 5.2).",
          "critical")),
      Map.entry("server-validation", new Entry("Server validation",
          "A Notary-style server checks every upload (signatures, thresholds, versions) before publishing it, so a client never sees metadata the server should have refused.",
          "critical")),
      Map.entry("content-trust", new Entry("Content trust",
          "The tag is resolved to a digest from signed targets metadata and every manifest and layer is checked against its digest before it is unpacked.",
          "critical")),
      Map.entry("slow-retrieval", new Entry("Slow retrieval",
          "The specification no longer claims protection here; clients time out slow peers on their own, so this is observed and reported, not judged.",
          "minor")));

  private static final Map<String, String> ALIASES = Map.of(
      "freeze", "indefinite-freeze",
      "mix-match", "mix-and-match",
      "arbitrary-package", "arbitrary-installation",
      "tofu", "trust-on-first-use");

  private AttackCatalogue() {}

  /** The entry for an attack class written in any of its usual spellings, or a neutral one for unknown classes. */
  static Entry of(String attackClass) {
    String key = normalise(attackClass);
    Entry known = ENTRIES.get(ALIASES.getOrDefault(key, key));
    if (known != null) {
      return known;
    }
    String name = key.isEmpty() ? "Other" : Character.toUpperCase(key.charAt(0)) + key.substring(1).replace('-', ' ');
    return new Entry(name, "", "normal");
  }

  /** The sentence for a cell: the run's own for the scenario, then the run's own for the class, then ours. */
  static String why(RunResult run, ScenarioResult result) {
    String own = run.why().get(result.scenarioId());
    if (own == null) {
      own = run.why().get(result.attackClass());
    }
    return own != null ? own : of(result.attackClass()).why();
  }

  private static String normalise(String attackClass) {
    return attackClass == null ? "" : attackClass.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
  }
}
