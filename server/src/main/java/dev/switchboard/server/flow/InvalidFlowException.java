package dev.switchboard.server.flow;

import java.util.List;

/** A flow file that cannot be used; lists every problem, each naming file, key and value. */
public final class InvalidFlowException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public InvalidFlowException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
