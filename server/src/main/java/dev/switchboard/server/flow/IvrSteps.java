package dev.switchboard.server.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flow's {@code ivr} section: the steps the embedded offline backend runs (greeting, menus by
 * voice or keys, digit collection, transfer, voicemail, handover). Its shape and checks are the
 * offline backend's own ({@link dev.switchboard.local.flow.Flow#fromMap}); this class only supplies
 * the flow's name when the section does not give one, so the server and the offline backend
 * validate the same tree the same way.
 */
public final class IvrSteps {

  private IvrSteps() {}

  /**
   * @throws IllegalArgumentException naming the offending path, e.g. {@code steps[2].choices[0]}
   */
  public static dev.switchboard.local.flow.Flow parse(String flowName, Map<String, Object> ivr) {
    Map<String, Object> tree = new LinkedHashMap<>(ivr);
    tree.putIfAbsent("name", flowName);
    return dev.switchboard.local.flow.Flow.fromMap(tree);
  }
}
