package dev.mallory.steps.world;

import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.model.PathMatching;
import dev.mallory.model.RoleType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names and paths the scenario's delegated roles have in the repository's dialect. Features
 * name delegated roles freely ({@code "app-team"}) and give TUF path patterns ({@code "app/*"});
 * in Notary a delegated role is named by its path under its delegator ({@code targets/app-team},
 * {@code targets/team-a/release}) and its paths are prefixes. The feature text keeps its names:
 * the steps translate every role they are given through {@link #name}.
 *
 * <p>What Notary cannot say is NOT_APPLICABLE, with the reason: a role with two delegators or a
 * delegation cycle (a Notary role's name is its one path from {@code targets}), a terminating
 * delegation (Notary has no such flag), and a target listed in a delegated role when the prefixes
 * written for Notary and the feature's patterns disagree on whether the role is trusted for it
 * ({@link #checkListing}). A pattern becomes the prefix before its first wildcard ({@code "app/*"}
 * to {@code "app/"}, {@code "*"} to {@code ""}), which is then checked against every target the
 * scenario lists in the role, so a prefix is never written where it changes the scenario.
 *
 * <p>TUF: every name is its own, and nothing is checked.
 */
public final class RoleNames {
  private static final String WILDCARDS = "*?[";

  private final Dialect dialect;
  /** feature name to dialect name, delegated roles only. */
  private final Map<String, String> names = new HashMap<>();
  /** dialect name to its delegation. */
  private final Map<String, Delegated> delegations = new HashMap<>();

  /** One delegation as the feature gave it and as the dialect writes it. */
  public record Delegated(String name, String delegator, List<String> patterns, List<String> paths) {
    public Delegated {
      patterns = List.copyOf(patterns);
      paths = List.copyOf(paths);
    }
  }

  public RoleNames(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The dialect's name of a role the feature names ({@code root}, or a delegated role's feature name). */
  public synchronized String name(String featureName) {
    if (dialect != Dialect.NOTARY || RoleType.isTopLevel(featureName)) {
      return featureName;
    }
    return names.getOrDefault(featureName, featureName);
  }

  /**
   * Registers a delegation from {@code delegator} (a dialect name) to the role the feature calls
   * {@code featureName}, and returns how the dialect writes it.
   *
   * @throws NotApplicableException where Notary cannot express the delegation
   */
  public synchronized Delegated delegate(String delegator, String featureName, List<String> patterns, boolean terminating) {
    if (dialect != Dialect.NOTARY) {
      return new Delegated(featureName, delegator, patterns, patterns);
    }
    if (terminating) {
      throw new NotApplicableException("Notary delegations have no terminating flag: the Notary dialect cannot express "
          + "the terminating delegation \"" + featureName + "\"");
    }
    String name = delegator + "/" + featureName;
    String known = names.get(featureName);
    if (known != null && !known.equals(name)) {
      throw new NotApplicableException("a Notary role is named by its one path from targets: \"" + featureName + "\" is "
          + known + " and cannot also be delegated by " + delegator + " (a second delegator or a cycle would be "
          + name + ", another role)");
    }
    List<String> paths = new ArrayList<>();
    for (String pattern : patterns) {
      paths.add(prefixOf(pattern));
    }
    names.put(featureName, name);
    Delegated d = new Delegated(name, delegator, patterns, paths);
    delegations.put(name, d);
    return d;
  }

  /**
   * A target listed by a delegated role (the dialect's name): the scenario means what the
   * feature's patterns say about it, so the prefixes written for Notary must agree, along the whole
   * delegation chain, both when every prefix on the chain must match and when a role's prefixes
   * count only where they lie inside its delegator's.
   *
   * @throws NotApplicableException when they disagree
   */
  public synchronized void checkListing(String role, String path) {
    if (dialect != Dialect.NOTARY || !delegations.containsKey(role)) {
      return;
    }
    List<Delegated> chain = chain(role);
    boolean byPattern = chain.stream().allMatch(d -> d.patterns().stream().anyMatch(p -> PathMatching.GLOB.matches(p, path)));
    boolean byEveryPrefix = chain.stream().allMatch(d -> d.paths().stream().anyMatch(p -> PathMatching.PREFIX.matches(p, path)));
    boolean byRestrictedPrefix = restricted(chain).stream().anyMatch(p -> PathMatching.PREFIX.matches(p, path));
    if (byPattern != byEveryPrefix || byPattern != byRestrictedPrefix) {
      Delegated d = delegations.get(role);
      throw new NotApplicableException("Notary delegates by path prefix: for target \"" + path + "\" in " + role
          + " the prefixes " + quoted(d.paths()) + " do not mean what the feature's patterns " + quoted(d.patterns())
          + " mean (delegated by the patterns: " + byPattern + ")");
    }
  }

  /** The delegation the dialect wrote for a role, if it is a delegated role. */
  public synchronized Optional<Delegated> delegation(String role) {
    return Optional.ofNullable(delegations.get(role));
  }

  /** The literal part of a TUF pattern before its first wildcard: the widest Notary prefix it fits in. */
  static String prefixOf(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if (WILDCARDS.indexOf(pattern.charAt(i)) >= 0) {
        return pattern.substring(0, i);
      }
    }
    return pattern;
  }

  /** The delegations from targets down to the role, top first. */
  private List<Delegated> chain(String role) {
    List<Delegated> chain = new ArrayList<>();
    for (Delegated d = delegations.get(role); d != null && chain.size() <= delegations.size(); d = delegations.get(d.delegator())) {
      chain.add(0, d);
    }
    return chain;
  }

  /** A role's prefixes that lie inside its delegator's, all the way down from targets (which holds every path). */
  private static List<String> restricted(List<Delegated> chain) {
    List<String> allowed = List.of("");
    for (Delegated d : chain) {
      List<String> parent = allowed;
      allowed = d.paths().stream().filter(p -> parent.stream().anyMatch(p::startsWith)).toList();
    }
    return allowed;
  }

  private static String quoted(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").toList().toString();
  }
}
