package dev.mallory.client;

import dev.mallory.client.errors.DownloadHttpException;
import dev.mallory.client.errors.MalformedMetadataException;
import dev.mallory.client.errors.TargetNotFoundException;
import dev.mallory.client.errors.TufClientException;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.JsonLimits;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Metadata;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reference TUF / Notary client. It orchestrates IO, persistence and the delegation search;
 * every acceptance rule lives in {@link TrustedMetadataSet}. Typical use:
 *
 * <pre>{@code
 * Updater updater = Updater.builder(new TufLayout(URI.create("http://127.0.0.1:8080/metadata/")))
 *     .metadataDir(dir).targetDir(targets).targetBaseUrl(URI.create("http://127.0.0.1:8080/targets/"))
 *     .build();
 * updater.refresh();
 * Path file = updater.download("app/v2.tgz");
 * }</pre>
 *
 * One instance is one client: not thread-safe. Errors are {@link TufClientException}s; an
 * {@link UncheckedIOException} only for local disk failures.
 */
public final class Updater {
  private final Mirrors mirrors;
  private final Dialect dialect;
  private final MetadataStore store;
  private final TargetFiles targets;
  private final UpdaterConfig config;
  private final Clock clock;
  private final Fetcher fetcher;
  private final NotaryTrustPinning pinning;
  private TrustedMetadataSet trusted;

  private Updater(Builder b) {
    List<Mirrors.Mirror> all = new ArrayList<>();
    all.add(new Mirrors.Mirror(Objects.requireNonNull(b.layout, "layout"), b.targetBaseUrl));
    all.addAll(b.fallbacks);
    this.mirrors = new Mirrors(all);
    this.dialect = b.layout.dialect();
    this.store = new MetadataStore(Objects.requireNonNull(b.metadataDir, "metadataDir"));
    this.config = b.config;
    this.clock = b.clock;
    this.fetcher = b.fetcher != null ? b.fetcher : new HttpFetcher(b.config);
    this.targets = new TargetFiles(b.targetDir, fetcher);
    this.pinning = b.pinning;
  }

  public static Builder builder(RemoteLayout layout) {
    return new Builder(layout);
  }

  /**
   * Installs a trusted root shipped out of band ({@code init}): no network. The root must parse and
   * be signed by a threshold of its own keys; its expiry does not matter yet.
   */
  public static void initialize(Path metadataDir, byte[] trustedRoot, Dialect dialect) {
    new TrustedMetadataSet(trustedRoot, Instant.EPOCH, dialect);
    new MetadataStore(metadataDir).write("root", trustedRoot);
  }

  /** 5.1 - 5.6: one update cycle of the top-level metadata, at one fixed start time. */
  public TrustedVersions refresh() {
    trusted = null;
    // 5.1: the fixed update start time; every expiry check of this cycle uses it.
    Instant start = clock.instant();
    TrustedMetadataSet set = new TrustedMetadataSet(trustedRoot(start), start, dialect);
    trusted = set;
    Root initialRoot = set.root().signed();
    updateRootChain(set);
    // 5.3.11: timestamp or snapshot keys rotated -> forget both, so a fast-forwarded version
    // signed with the old (compromised) keys no longer blocks the legitimate ones.
    Root finalRoot = set.root().signed();
    if (!initialRoot.role(RoleType.TIMESTAMP).equals(finalRoot.role(RoleType.TIMESTAMP))
        || !initialRoot.role(RoleType.SNAPSHOT).equals(finalRoot.role(RoleType.SNAPSHOT))) {
      store.delete("timestamp");
      store.delete("snapshot");
    }
    // 5.3.10: the final root must not be expired (it stays persisted if it is).
    set.checkFinalRoot();
    updateTimestamp(set);
    updateSnapshot(set);
    loadTargets(set, "targets", "root", null);
    return set.versions();
  }

  private byte[] trustedRoot(Instant start) {
    Optional<byte[]> local = store.read("root", config.rootMaxLength());
    if (local.isPresent()) {
      return local.get();
    }
    // Notary: no shipped root; fetch the newest and accept it only through trust pinning / TOFU.
    byte[] data = mirrors.first(m -> {
      URI latest = m.layout().latestRoot()
          .orElseThrow(() -> new MalformedMetadataException("root", "no trusted root.json in " + store.dir()));
      byte[] fetched = fetcher.fetchBytes(latest, config.rootMaxLength());
      TrustedMetadataSet probe = new TrustedMetadataSet(fetched, start, dialect);
      pinning.check(probe.root(), gun(), start);
      return fetched;
    });
    store.write("root", data);
    return data;
  }

  private String gun() {
    return mirrors.primary().layout() instanceof NotaryLayout n ? n.gun() : "";
  }

  // 5.3.3 - 5.3.9: walk N+1, N+2, ... one version at a time, at most maxRootRotations.
  private void updateRootChain(TrustedMetadataSet set) {
    long lower = set.root().version() + 1;
    long upper = lower + config.maxRootRotations();
    for (long next = lower; next < upper; next++) {
      long version = next;
      // 5.3.3: 404/403 means no newer root; any other failure (on every mirror) aborts the refresh.
      Optional<byte[]> data = mirrors.firstFound(m -> {
        byte[] fetched = fetcher.fetchBytes(m.layout().root(version), config.rootMaxLength());
        Metadata<Root> accepted = set.updateRoot(fetched);
        if (dialect == Dialect.NOTARY && pinning.pins()) {
          pinning.check(accepted, gun(), set.referenceTime()); // Notary #800: rotations honour pins too
        }
        return fetched;
      }, e -> e instanceof DownloadHttpException h && (h.status() == 404 || h.status() == 403));
      if (data.isEmpty()) {
        break;
      }
      // 5.3.8: persist each accepted root at once, exactly as served.
      store.write("root", data.get());
    }
  }

  private void updateTimestamp(TrustedMetadataSet set) {
    // The local timestamp, even expired, is the rollback reference; failing to load it is fine.
    store.read("timestamp", config.timestampMaxLength()).ifPresent(local -> {
      try {
        set.updateTimestamp(local);
      } catch (TufClientException ignored) {
        // missing, re-keyed or expired local copies are not errors
      }
    });
    // 5.4.1: timestamp.json is never versioned; capped at X.
    Optional<byte[]> changed = mirrors.first(m -> {
      byte[] fetched = fetcher.fetchBytes(m.layout().timestamp(), config.timestampMaxLength());
      return set.updateTimestamp(fetched) ? Optional.of(fetched) : Optional.<byte[]>empty();
    });
    changed.ifPresent(data -> store.write("timestamp", data)); // 5.4.5
  }

  private void updateSnapshot(TrustedMetadataSet set) {
    Optional<byte[]> local = store.read("snapshot", config.snapshotMaxLength());
    if (local.isPresent()) {
      try {
        set.updateSnapshot(local.get(), true);
        return; // the cached snapshot is the one timestamp names: no download
      } catch (TufClientException ignored) {
        // stale or invalid: it may still have become the rollback reference
      }
    }
    MetaFile meta = set.timestamp().orElseThrow().signed().snapshotMeta();
    long cap = cap(meta, config.snapshotMaxLength());
    byte[] data = mirrors.first(m -> {
      byte[] fetched = fetcher.fetchBytes(m.layout().metadata("snapshot", meta, consistent(set)), cap);
      set.updateSnapshot(fetched, false);
      return fetched;
    });
    store.write("snapshot", data); // 5.5.7
  }

  // 5.6: load a targets role through one delegator, from the local copy if still valid.
  private Metadata<Targets> loadTargets(TrustedMetadataSet set, String role, String parentName, Metadata<Targets> parent) {
    Optional<Metadata<Targets>> known = set.targets(parentName, role);
    if (known.isPresent()) {
      return known.get();
    }
    // 5.6.1: a role snapshot does not list is refused before any request.
    MetaFile meta = set.snapshotMetaFor(role);
    long cap = cap(meta, config.targetsMaxLength());
    Optional<byte[]> local = store.read(role, cap);
    if (local.isPresent()) {
      try {
        return accept(set, local.get(), role, parentName, parent);
      } catch (TufClientException ignored) {
        // out of date, or not valid for this delegator: download
      }
    }
    record Accepted(byte[] data, Metadata<Targets> md) {}
    Accepted accepted = mirrors.first(m -> {
      byte[] fetched = fetcher.fetchBytes(m.layout().metadata(role, meta, consistent(set)), cap);
      return new Accepted(fetched, accept(set, fetched, role, parentName, parent));
    });
    store.write(role, accepted.data()); // 5.6.6
    return accepted.md();
  }

  /**
   * 5.5.1 / 5.6.1: the length the parent lists, else the configured default. A listed length is
   * still bounded by what the JSON parser would accept at all, so a timestamp claiming a 10 GB
   * snapshot cannot make the client buffer 10 GB.
   */
  private static long cap(MetaFile meta, long fallback) {
    return Math.min(meta.length().orElse(fallback), JsonLimits.DEFAULT.maxBytes());
  }

  private static Metadata<Targets> accept(TrustedMetadataSet set, byte[] data, String role, String parentName,
      Metadata<Targets> parent) {
    return parent == null ? set.updateTargets(data) : set.updateDelegatedTargets(data, role, parentName, parent);
  }

  private static boolean consistent(TrustedMetadataSet set) {
    return set.root().signed().consistentSnapshot();
  }

  private TrustedMetadataSet ensureRefreshed() {
    if (trusted == null || trusted.topLevelTargets().isEmpty()) {
      refresh(); // python-tuf: an implicit refresh before the first lookup
    }
    return trusted;
  }

  private record Visit(String role, String parentName, Metadata<Targets> parent) {}

  /**
   * 5.6.7: pre-order depth-first search in listed order for the targets role that lists the path;
   * visited roles are skipped, at most {@code maxDelegations} roles are visited, a terminating
   * delegation ends the search below it, and a child is only followed when the path is inside its
   * delegated paths, so a target must be inside the paths of every role on the chain.
   *
   * @return empty when no trusted role on a permitted chain lists it (5.7.1)
   */
  public Optional<TargetInfo> getTargetInfo(String path) {
    TrustedMetadataSet set = ensureRefreshed();
    Deque<Visit> stack = new ArrayDeque<>();
    stack.push(new Visit("targets", "root", null));
    Set<String> visited = new HashSet<>();
    int budget = config.maxDelegations();
    while (budget > 0 && !stack.isEmpty()) {
      Visit visit = stack.pop();
      if (visited.contains(visit.role())) {
        continue; // cycles and diamonds: each role at most once per search
      }
      Metadata<Targets> md = loadTargets(set, visit.role(), visit.parentName(), visit.parent());
      TargetFile file = md.signed().targets().get(path);
      if (file != null) {
        return Optional.of(new TargetInfo(path, file, visit.role()));
      }
      visited.add(visit.role());
      budget--;
      if (md.signed().delegations().isEmpty()) {
        continue;
      }
      List<Visit> children = new ArrayList<>();
      for (DelegatedRole child : md.signed().delegations().get().rolesFor(path, dialect.pathMatching())) {
        children.add(new Visit(child.name(), visit.role(), md));
        if (child.terminating()) {
          stack.clear(); // 5.6.7.2.1: no backtracking past a terminating delegation
          break;
        }
      }
      Collections.reverse(children);
      children.forEach(stack::push);
    }
    return Optional.empty();
  }

  /** 5.7: finds, and downloads unless already cached, the target; returns the local file. */
  public Path download(String path) {
    TargetInfo info = getTargetInfo(path).orElseThrow(() -> new TargetNotFoundException(path));
    return findCachedTarget(info).orElseGet(() -> downloadTarget(info));
  }

  /** Where a target is stored: {@code quote(path, "")} inside the target directory. */
  public Path localPath(TargetInfo info) {
    return targets.localPath(info);
  }

  /** 5.7 (optional cache rule): the local file, if it has exactly the listed length and hashes. */
  public Optional<Path> findCachedTarget(TargetInfo info) {
    return targets.cached(info);
  }

  /**
   * 5.7.2 - 5.7.4: downloads the target capped at its length, checks length and every hash while
   * streaming into a temp file, and only then moves it into place; from the first mirror whose
   * copy passes. A failure leaves nothing.
   */
  public Path downloadTarget(TargetInfo info) {
    if (mirrors.all().stream().allMatch(m -> m.targetBaseUrl() == null)) {
      throw new IllegalStateException("no target base URL configured");
    }
    targets.localPath(info); // confined, or refused, before any request
    // Unknown hash algorithms fail closed before any request.
    new Hashes.Digests(info.path(), info.file().hashes());
    TrustedMetadataSet set = ensureRefreshed();
    boolean hashPrefix = consistent(set) && config.prefixTargetsWithHash();
    return mirrors.first(m -> {
      if (m.targetBaseUrl() == null) {
        throw new TargetNotFoundException(info.path()); // this mirror carries metadata only
      }
      return targets.fetch(m.layout().target(m.targetBaseUrl(), info.path(), info.file(), hashPrefix), info);
    });
  }

  /** What is trusted now (after a refresh, or a failed one). */
  public Optional<TrustedVersions> trustedVersions() {
    return Optional.ofNullable(trusted).map(TrustedMetadataSet::versions);
  }

  public UpdaterConfig config() {
    return config;
  }

  /** Builds an {@link Updater}; only the layout and metadata directory are required. */
  public static final class Builder {
    private final RemoteLayout layout;
    private Path metadataDir;
    private Path targetDir;
    private URI targetBaseUrl;
    private UpdaterConfig config = UpdaterConfig.DEFAULTS;
    private Clock clock = Clock.systemUTC();
    private Fetcher fetcher;
    private NotaryTrustPinning pinning = NotaryTrustPinning.TOFU;
    private final List<Mirrors.Mirror> fallbacks = new ArrayList<>();

    private Builder(RemoteLayout layout) {
      this.layout = layout;
    }

    public Builder metadataDir(Path dir) {
      this.metadataDir = dir;
      return this;
    }

    public Builder targetDir(Path dir) {
      this.targetDir = dir;
      return this;
    }

    public Builder targetBaseUrl(URI url) {
      this.targetBaseUrl = url;
      return this;
    }

    public Builder config(UpdaterConfig config) {
      this.config = Objects.requireNonNull(config);
      return this;
    }

    /** The clock read once per refresh for the fixed start time (5.1). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder fetcher(Fetcher fetcher) {
      this.fetcher = fetcher;
      return this;
    }

    /** Notary only: how the first root is trusted. Default: trust on first use. */
    public Builder trustPinning(NotaryTrustPinning pinning) {
      this.pinning = Objects.requireNonNull(pinning);
      return this;
    }

    /**
     * Another mirror of the same repository, tried (in the order added) for each file the mirrors
     * before it failed to provide; see {@link Mirrors}. Same dialect (and GUN) as the first.
     *
     * @param targetBaseUrl where this mirror serves target files; null if it serves metadata only
     */
    public Builder mirror(RemoteLayout layout, URI targetBaseUrl) {
      fallbacks.add(new Mirrors.Mirror(Objects.requireNonNull(layout, "layout"), targetBaseUrl));
      return this;
    }

    public Updater build() {
      return new Updater(this);
    }
  }
}
