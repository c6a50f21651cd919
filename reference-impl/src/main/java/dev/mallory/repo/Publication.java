package dev.mallory.repo;

import dev.mallory.repo.store.RoleFile;
import java.util.List;
import java.util.Optional;

/** The files one {@link Repository#publish()} committed together, parents last (timestamp). */
public record Publication(List<RoleFile> files) {
  public Publication {
    files = List.copyOf(files);
  }

  public Optional<RoleFile> file(String role) {
    return files.stream().filter(f -> f.role().equals(role)).findFirst();
  }

  public long version(String role) {
    return file(role).map(RoleFile::version).orElseThrow(() -> new IllegalArgumentException(role + " was not published"));
  }
}
