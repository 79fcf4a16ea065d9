package dev.switchboard.server.flow;

import dev.switchboard.bridge.transport.CallInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows in effect: a directory of {@code *.yaml} files (or the bundled example flow when no
 * directory is configured), and the routing of a call to a flow.
 *
 * <p>Hot reload: {@link #reloadIfChanged()} re-reads the directory when a file's size or time
 * changed. A valid change replaces the flow (calls in progress keep the {@link Flow} instance they
 * started with); an invalid one is refused with a logged reason and the last good version stays.
 * Thread-safe: the flow table is an immutable snapshot swapped atomically; reloads are serialised.
 */
public final class FlowRepository {

  private static final Logger LOG = LoggerFactory.getLogger(FlowRepository.class);
  static final String BUNDLED = "example.yaml";

  private final Path dir;
  private volatile Map<String, Flow> flows = Map.of();
  private volatile Map<String, List<String>> refused = Map.of();
  private String fingerprint = "";

  private FlowRepository(Path dir) {
    this.dir = dir;
  }

  /** Flows from {@code dir}, loaded now. */
  public static FlowRepository ofDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("flows directory " + dir + " does not exist");
    }
    FlowRepository r = new FlowRepository(dir);
    r.reloadIfChanged();
    return r;
  }

  /** Only the bundled example flow (no directory: read-only). */
  public static FlowRepository bundled() {
    FlowRepository r = new FlowRepository(null);
    try (InputStream in = FlowRepository.class.getResourceAsStream(BUNDLED)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Flow f = FlowParser.parse(BUNDLED, text);
      r.flows = Map.of(f.name(), f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidFlowException e) {
      throw new IllegalStateException("bundled flow is invalid: " + e.getMessage(), e);
    }
    return r;
  }

  public Optional<Path> directory() {
    return Optional.ofNullable(dir);
  }

  /** Current flows by name (a snapshot). */
  public Map<String, Flow> all() {
    return flows;
  }

  public Optional<Flow> get(String name) {
    return Optional.ofNullable(flows.get(name));
  }

  /** Files refused at the last reload, with their problems. */
  public Map<String, List<String>> refused() {
    return refused;
  }

  /**
   * The flow for a call: a flow listing the called number, then one listing the SIP user, then the
   * catch-all flow (first by name).
   */
  public Optional<Flow> route(CallInfo call) {
    String to = call.to() == null ? "" : call.to();
    String user = to.replaceFirst("^sips?:", "").replaceFirst("[@;].*$", "");
    Map<String, Flow> snapshot = flows;
    return snapshot.values().stream()
        .filter(f -> f.answers().numbers().contains(user) || f.answers().numbers().contains(to))
        .findFirst()
        .or(
            () ->
                snapshot.values().stream()
                    .filter(f -> f.answers().sipUsers().contains(user))
                    .findFirst())
        .or(() -> snapshot.values().stream().filter(f -> f.answers().catchAll()).findFirst());
  }

  /** Re-reads the directory if anything changed; returns whether it did. */
  public synchronized boolean reloadIfChanged() {
    if (dir == null) {
      return false;
    }
    List<Path> files = list();
    String fp = fingerprint(files);
    if (fp.equals(fingerprint)) {
      return false;
    }
    fingerprint = fp;
    Map<String, Flow> next = new TreeMap<>();
    Map<String, List<String>> bad = new LinkedHashMap<>();
    Map<String, String> fileOfFlow = new LinkedHashMap<>();
    for (Path f : files) {
      String file = f.getFileName().toString();
      try {
        Flow flow = FlowParser.parse(file, Files.readString(f));
        List<String> clash = clashes(flow, next, fileOfFlow);
        if (!clash.isEmpty()) {
          throw new InvalidFlowException(clash.stream().map(c -> file + ": " + c).toList());
        }
        next.put(flow.name(), flow);
        fileOfFlow.put(flow.name(), file);
      } catch (InvalidFlowException e) {
        bad.put(file, e.problems());
        LOG.warn("flow {} refused, keeping its last good version: {}", file, e.getMessage());
        Flow previous = previousFor(file);
        if (previous != null && !next.containsKey(previous.name())) {
          next.put(previous.name(), previous);
        }
      } catch (IOException e) {
        bad.put(file, List.of(file + ": cannot read: " + e.getMessage()));
      }
    }
    Map<String, Flow> old = flows;
    for (Flow f : next.values()) {
      Flow o = old.get(f.name());
      if (o == null || !o.version().equals(f.version())) {
        LOG.info("flow {} loaded (version {})", f.name(), f.version());
      }
    }
    flows = Map.copyOf(next);
    refused = Map.copyOf(bad);
    lastFiles = Map.copyOf(fileOfFlow);
    return true;
  }

  private volatile Map<String, String> lastFiles = Map.of();

  private Flow previousFor(String file) {
    return lastFiles.entrySet().stream()
        .filter(e -> e.getValue().equals(file))
        .map(e -> flows.get(e.getKey()))
        .findFirst()
        .orElse(null);
  }

  /**
   * Validates and writes a flow file, then reloads.
   *
   * @throws InvalidFlowException and nothing is written when the text is invalid
   */
  public synchronized Flow put(String name, String yamlText)
      throws InvalidFlowException, IOException {
    requireDirectory();
    String file = name + ".yaml";
    Flow flow = FlowParser.parse(file, yamlText);
    if (!flow.name().equals(name)) {
      throw new InvalidFlowException(
          List.of(
              file + ": 'name' = '" + flow.name() + "' must match the URL name '" + name + "'"));
    }
    Map<String, Flow> others = new TreeMap<>(flows);
    others.remove(name);
    List<String> clash = clashes(flow, others, Map.of());
    if (!clash.isEmpty()) {
      throw new InvalidFlowException(clash.stream().map(c -> file + ": " + c).toList());
    }
    Path tmp = dir.resolve("." + file + ".tmp");
    Files.writeString(tmp, yamlText);
    // Atomic rename so a concurrent reload never sees half a file.
    Files.move(
        tmp,
        dir.resolve(file),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    fingerprint = "(invalidated)";
    reloadIfChanged();
    return flows.get(name);
  }

  /** Deletes a flow's file; returns false when there was none. */
  public synchronized boolean delete(String name) throws IOException {
    requireDirectory();
    String file = lastFiles.getOrDefault(name, name + ".yaml");
    boolean deleted = Files.deleteIfExists(dir.resolve(file));
    fingerprint = "(invalidated)";
    reloadIfChanged();
    return deleted;
  }

  private void requireDirectory() {
    if (dir == null) {
      throw new IllegalStateException(
          "no flows directory is configured (flows.dir): the bundled flow is read-only");
    }
  }

  private static List<String> clashes(
      Flow flow, Map<String, Flow> others, Map<String, String> files) {
    List<String> out = new ArrayList<>();
    Flow same = others.get(flow.name());
    if (same != null) {
      out.add(
          "flow name '"
              + flow.name()
              + "' is already used by "
              + files.getOrDefault(flow.name(), "another flow"));
    }
    for (Flow o : others.values()) {
      for (String n : flow.answers().numbers()) {
        if (o.answers().numbers().contains(n)) {
          out.add("number " + n + " is already answered by flow '" + o.name() + "'");
        }
      }
      for (String u : flow.answers().sipUsers()) {
        if (o.answers().sipUsers().contains(u)) {
          out.add("SIP user '" + u + "' is already answered by flow '" + o.name() + "'");
        }
      }
    }
    return out;
  }

  private List<Path> list() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      LOG.warn("cannot list flows directory {}: {}", dir, e.toString());
      return List.of();
    }
  }

  private static String fingerprint(List<Path> files) {
    StringBuilder b = new StringBuilder();
    for (Path p : files) {
      try {
        b.append(p)
            .append(':')
            .append(Files.size(p))
            .append(':')
            .append(Files.getLastModifiedTime(p).toMillis())
            .append(';');
      } catch (IOException e) {
        b.append(p).append(":gone;");
      }
    }
    return b.toString();
  }
}
