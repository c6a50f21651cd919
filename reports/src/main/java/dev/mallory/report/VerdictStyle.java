package dev.mallory.report;

/**
 * How a verdict looks in the HTML report. Colour is never the only signal: every chip carries a
 * symbol and the verdict's words, and the colours keep a contrast of at least 4.5:1 with their text.
 */
final class VerdictStyle {
  private VerdictStyle() {}

  /** The CSS class of a verdict ({@code v-expected-failure}); report.css defines one per verdict. */
  static String cssClass(Verdict v) {
    return "v-" + v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static String symbol(Verdict v) {
    return switch (v) {
      case PROTECTED -> "✔";
      case VULNERABLE -> "✘";
      case BROKEN -> "⚠";
      case EXPECTED_FAILURE -> "✘";
      case UNEXPECTED_PASS -> "★";
      case INFORMATIONAL -> "ℹ";
      case NOT_APPLICABLE -> "–";
      case ERROR -> "‼";
    };
  }

  /** A chip: {@code <span class="chip v-protected">✔ protected</span>}. */
  static String chip(Verdict v) {
    return "<span class=\"chip " + cssClass(v) + "\"><span aria-hidden=\"true\">" + symbol(v) + "</span> "
        + v.label() + "</span>";
  }

  /** One sentence per verdict for the legend. */
  static String meaning(Verdict v) {
    return switch (v) {
      case PROTECTED -> "refused for the expected reason, and updates normally afterwards";
      case VULNERABLE -> "the attack got through";
      case BROKEN -> "refused for the wrong reason, or left unable to update";
      case EXPECTED_FAILURE -> "the attack got through, as the system's expected-failures file says";
      case UNEXPECTED_PASS -> "protected, but listed as an expected failure: the file is out of date";
      case INFORMATIONAL -> "observed, not judged";
      case NOT_APPLICABLE -> "the system lacks a feature the scenario needs";
      case ERROR -> "the harness failed; says nothing about the system";
    };
  }
}
