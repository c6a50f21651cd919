package dev.mallory.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protection matrix as the reports lay it out: scenarios grouped by attack class (in order of
 * first appearance), systems ordered reference first and naive clients next to it so the contrast
 * reads left to right.
 */
record Matrix(List<SystemInfo> columns, List<Group> groups, Map<String, ScenarioResult> cells) {
  record Row(String scenarioId, String feature, String title, List<String> specSteps) {}

  record Group(String attackClass, List<Row> rows) {}

  static Matrix of(RunResult run) {
    List<SystemInfo> columns = new ArrayList<>(run.systems().stream().map(run::info).toList());
    columns.sort(Comparator.comparingInt(s -> columnRank(s.kind()))); // stable: run order within a kind
    Map<String, List<Row>> byClass = new LinkedHashMap<>();
    Map<String, Boolean> seen = new HashMap<>();
    Map<String, ScenarioResult> cells = new HashMap<>();
    for (ScenarioResult r : run.results()) {
      if (seen.putIfAbsent(r.scenarioId(), true) == null) {
        byClass.computeIfAbsent(r.attackClass(), k -> new ArrayList<>())
            .add(new Row(r.scenarioId(), r.feature(), r.title(), r.specSteps()));
      }
      cells.putIfAbsent(key(r.scenarioId(), r.system()), r); // the engine runs a cell once; keep the first if not
    }
    List<Group> groups = new ArrayList<>();
    byClass.forEach((attackClass, rows) -> groups.add(new Group(attackClass, List.copyOf(rows))));
    return new Matrix(List.copyOf(columns), List.copyOf(groups), Map.copyOf(cells));
  }

  Optional<ScenarioResult> cell(String scenarioId, String system) {
    return Optional.ofNullable(cells.get(key(scenarioId, system)));
  }

  /** The system naive clients are contrasted with: the first reference, else none. */
  Optional<SystemInfo> reference() {
    return columns.stream().filter(s -> s.kind() == SystemKind.REFERENCE).findFirst();
  }

  List<SystemInfo> naiveClients() {
    return columns.stream().filter(s -> s.kind() == SystemKind.NAIVE_TEACHING).toList();
  }

  private static int columnRank(SystemKind kind) {
    return switch (kind) {
      case REFERENCE -> 0;
      case NAIVE_TEACHING -> 1;
      case UNDER_TEST -> 2;
      case THIRD_PARTY -> 3;
    };
  }

  private static String key(String scenarioId, String system) {
    return scenarioId + '\u0000' + system;
  }
}
