package dev.mallory.steps.world;

import dev.mallory.json.Json;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.Repository;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The delegations of a scenario repository (named delegations, TAP 15 hash bins) and the role that
 * lists each target, as the setup steps draw them (features/README.md, "the repository has a
 * delegation", "has succinct hash bins", "has target"). Delegated roles carry the dialect's names
 * ({@link RoleNames}); what the repository lists is kept in {@link ListedTargets}.
 */
public final class Delegations {
  private final ScenarioRepository repository;
  private final Repository repo;
  private final RoleNames names;
  private final ListedTargets targets;
  private boolean hashBins;

  Delegations(ScenarioRepository repository, ListedTargets targets) {
    this.repository = repository;
    this.repo = repository.repository();
    this.names = repository.names();
    this.targets = targets;
  }

  public String delegate(String delegator, String role, List<String> patterns, boolean terminating) {
    return delegate(delegator, role, patterns, terminating, false, Optional.empty());
  }

  /**
   * A delegation from {@code delegator} (the dialect's name) to the role the feature calls
   * {@code featureName}, with the feature's path patterns; the dialect names it and writes its paths
   * ({@link RoleNames}). A role that already exists (a second delegator, a cycle) keeps its keys;
   * {@code differentKey}: this delegation lists a fresh key the role's files are not signed with;
   * {@code threshold}: this delegation's threshold, whatever it is.
   *
   * @return the delegated role's name in the dialect
   */
  public String delegate(String delegator, String featureName, List<String> patterns, boolean terminating, boolean differentKey,
      Optional<Integer> threshold) {
    repository.requireSetup("the repository has a delegation");
    RoleNames.Delegated named = names.delegate(delegator, featureName, patterns, terminating);
    String role = named.name();
    Delegation d = Delegation.paths(named.paths().toArray(String[]::new));
    d = terminating ? d.asTerminating() : d;
    if (targets.hasRole(role)) {
      repo.delegateExistingUnchecked(delegator, role, d, differentKey);
    } else if (differentKey) {
      repo.delegateUnderDifferentKeyUnchecked(delegator, role, d);
    } else {
      repo.delegate(delegator, role, d);
    }
    threshold.ifPresent(t -> repo.setDelegationThresholdUnchecked(delegator, role, t));
    targets.addRole(role);
    return role;
  }

  /** TAP 15 succinct hash bins {@code bin-0}... under targets; one shared key, terminating. */
  public void hashBins(int bits) {
    repository.requireSetup("the repository has succinct hash bins");
    for (String bin : repo.delegateHashBins("targets", bits, "bin", 1, 1)) {
      targets.addRole(bin);
    }
    hashBins = true;
  }

  public void addTarget(Optional<String> role, String path, String text) {
    addTarget(role, path, text, Optional.empty(), Optional.empty());
  }

  /**
   * A target of version 1, optionally with {@code custom.dependencies = [dependsOn]} and with its
   * only hash listed under {@code hashAlgorithm} (a made-up digest). A name or role the honest
   * editor refuses (hostile names, a role not delegated the path) is signed as told.
   */
  public void addTarget(Optional<String> role, String path, String text, Optional<String> dependsOn, Optional<String> hashAlgorithm) {
    repository.requireSetup("the repository has target");
    if (dependsOn.isEmpty() && hashAlgorithm.isEmpty()) {
      try {
        stageTarget(role, path, text);
        return;
      } catch (IllegalArgumentException refusedByTheHonestEditor) {
        // fall through: the unchecked path
      }
    }
    String r = roleFor(role, path);
    names.checkListing(r, path);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    com.fasterxml.jackson.databind.node.ObjectNode custom = null;
    if (dependsOn.isPresent()) {
      custom = Json.object();
      custom.putArray("dependencies").add(dependsOn.get());
    }
    repo.addTargetUnchecked(r, path, content, ListedTargets.hashes(repository.dialect(), content, hashAlgorithm), custom);
    targets.list(r, path, content);
  }

  /** The role that lists a target by default: targets, or its hash bin when bins exist. */
  private String roleFor(Optional<String> role, String path) {
    if (role.isPresent()) {
      return role.get();
    }
    return hashBins ? repo.roleFor("targets", path).orElse("targets") : "targets";
  }

  /** Lists a target through the honest editor, which refuses hostile names and undelegated paths; returns its role. */
  String stageTarget(Optional<String> role, String path, String text) {
    String r = roleFor(role, path);
    names.checkListing(r, path);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    repo.addTarget(r, path, content);
    targets.list(r, path, content);
    return r;
  }

  /** The role whose delegations list {@code role}: targets when none does. */
  String delegatorOf(String role) {
    for (String candidate : targets.roles()) {
      if (repo.targets(candidate).delegations().map(d -> d.role(role).isPresent()).orElse(false)) {
        return candidate;
      }
    }
    return "targets";
  }
}
