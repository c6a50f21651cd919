package dev.mallory.repo.update;

import dev.mallory.repo.store.RoleFile;
import java.util.List;

/** What became of an upload: committed (with the snapshot/timestamp the server made), or refused. */
public sealed interface UpdateOutcome {
  record Accepted(List<RoleFile> committed) implements UpdateOutcome {
    public Accepted {
      committed = List.copyOf(committed);
    }
  }

  record Rejected(UpdateRejectedException reason) implements UpdateOutcome {}
}
