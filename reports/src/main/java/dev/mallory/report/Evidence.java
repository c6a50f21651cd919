package dev.mallory.report;

import java.util.List;
import java.util.Map;

/**
 * Why a verdict is what it is, in the terms a reader checks: what the attacker did, what went over
 * the wire, what the system said, and what it trusts afterwards.
 *
 * @param attack what the attacker did, in one or two sentences
 * @param exchanges journal excerpt: one line per HTTP exchange ({@code GET /metadata/timestamp.json
 *     -> 200 (replayed v1, 512 B)})
 * @param outcome the system's answer: its error (type, reason, message) or what it accepted
 * @param trustedAfter role to version the system trusts after the attack
 * @param notes anything else observed (reason mismatches, recovery attempt, expected-failure comment)
 */
public record Evidence(
    String attack, List<String> exchanges, String outcome, Map<String, Long> trustedAfter, List<String> notes) {
  public Evidence {
    attack = attack == null ? "" : attack;
    exchanges = List.copyOf(exchanges == null ? List.of() : exchanges);
    outcome = outcome == null ? "" : outcome;
    trustedAfter = Map.copyOf(trustedAfter == null ? Map.of() : trustedAfter);
    notes = List.copyOf(notes == null ? List.of() : notes);
  }

  public static Evidence none() {
    return new Evidence("", List.of(), "", Map.of(), List.of());
  }
}
