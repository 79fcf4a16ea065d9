package dev.switchboard.local.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IVR flow: named steps and the one to start with. Immutable and shared by every call that runs
 * it. Build one with {@link #fromMap} (the YAML-shaped tree the server loads) or the constructor.
 *
 * @param name flow name, used in logs and by {@link Step.Handover}
 * @param start id of the first step
 * @param steps steps by id, in declaration order
 */
public record Flow(String name, String start, Map<String, Step> steps) {

  public Flow {
    steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    List<String> problems = new ArrayList<>();
    if (!steps.containsKey(start)) {
      problems.add("start step '" + start + "' is not defined");
    }
    for (Step step : steps.values()) {
      for (String target : FlowReferences.of(step)) {
        if (!steps.containsKey(target)) {
          problems.add("step '" + step.id() + "' leads to undefined step '" + target + "'");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("flow '" + name + "': " + String.join("; ", problems));
    }
  }

  /**
   * Builds and validates a flow from a YAML-like tree; see {@link FlowParser} for the shape.
   *
   * @throws IllegalArgumentException naming the offending path, e.g. {@code steps[2].choices[0]}
   */
  public static Flow fromMap(Map<String, Object> tree) {
    return new FlowParser().parse(tree);
  }

  public Step step(String id) {
    Step s = steps.get(id);
    if (s == null) {
      throw new IllegalArgumentException("flow '" + name + "' has no step '" + id + "'");
    }
    return s;
  }
}
