package dev.switchboard.server.wiring;

import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.FlowRepository;
import dev.switchboard.sip.SipConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The one start-up summary: where we listen, which backend each flow uses, where recordings go, and
 * what is missing (with its consequence and the fix). Never prints secrets.
 */
final class StartupSummary {

  private StartupSummary() {}

  static String render(
      ServerConfig config,
      FlowRepository flows,
      BackendFactory backends,
      boolean adminEnabled,
      InetSocketAddress http,
      long httpUpMillis,
      SipConfig sipEdge,
      String twilioOff) {
    List<String> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    out.add("Switchboard HTTP up in " + httpUpMillis + " ms");
    String base = "http://" + hostForDisplay(config.http().host()) + ":" + http.getPort();
    out.add("  HTTP        " + base + "  (/healthz, /readyz, /metrics, /admin, /twilio)");
    var sip = config.sip();
    if (sipEdge != null) {
      out.add(
          "  SIP         udp+tcp "
              + sipEdge.bindHost()
              + ":"
              + sipEdge.port()
              + " (advertised as "
              + sipEdge.advertisedHost()
              + "), RTP "
              + sip.rtpPortMin()
              + "-"
              + sip.rtpPortMax());
    } else {
      out.add("  SIP         off (sip.enabled=false)");
    }
    out.add(
        "  Flows       "
            + flows
                .directory()
                .map(
                    d ->
                        d
                            + " (hot reload every "
                            + config.flows().reloadInterval().toMillis()
                            + " ms)")
                .orElse("bundled example flow (set flows.dir to use your own)"));
    for (Flow f : flows.all().values()) {
      BackendFactory.Choice c = backends.choose(f);
      String answers =
          f.answers().catchAll()
              ? "default"
              : String.join(",", concat(f.answers().numbers(), f.answers().sipUsers()));
      out.add(
          "    - "
              + f.name()
              + " v"
              + f.version()
              + ": backend "
              + c.kind()
              + (f.model() != null
                  ? " (" + f.model() + ")"
                  : c.kind().equals("openai") ? " (" + config.openai().model() + ")" : "")
              + (c.backend().isEmpty()
                  ? " UNAVAILABLE: "
                      + c.unavailableReason()
                      + "; calls get the fallback "
                      + f.fallback().kind().name().toLowerCase()
                  : "")
              + "; answers "
              + answers);
    }
    flows
        .refused()
        .forEach(
            (file, problems) -> missing.add("flow " + file + " refused: " + problems.getFirst()));
    out.add(
        "  Recordings  "
            + config.recordings().dir()
            + " (index: "
            + config.recordings().indexUrl().map(StartupSummary::redactJdbc).orElse("embedded")
            + ")");
    out.add(
        "  Capacity    "
            + config.maxConcurrentCalls()
            + " concurrent calls; drain deadline "
            + config.drainDeadline().toSeconds()
            + " s");
    out.add("  Admin API   " + (adminEnabled ? "on at " + base + "/admin (bearer token)" : "off"));
    if (!adminEnabled) {
      missing.add("admin API off: set SWITCHBOARD_ADMIN_TOKEN (admin.token) to enable it");
    }
    backends
        .offline()
        .ifPresent(
            o ->
                out.add(
                    "  Offline     "
                        + (o.status() == null
                            ? "speech models loaded in " + o.loadMillis() + " ms"
                            : o.status()
                                + (o.status().endsWith("loading")
                                    ? " in the background: /readyz is 503 and offline calls are"
                                        + " refused until they are in"
                                    : ""))));
    out.add(
        "  OpenAI      "
            + (config.openai().apiKey().isPresent()
                ? "key set (****), " + config.openai().realtimeUrl()
                : "no key (OPENAI_API_KEY): flows with backend auto use the offline backend"));
    String webhook =
        config
            .publicUrl()
            .map(u -> u.toString().replaceAll("/$", "") + "/twilio/voice")
            .orElse("(set SWITCHBOARD_PUBLIC_URL)");
    out.add(
        "  Twilio      "
            + (twilioOff == null
                ? "webhook " + webhook + " (signatures checked against this URL)"
                : "endpoints reject every request (403)"));
    if (twilioOff != null) {
      missing.add("Twilio: endpoints reject requests because " + twilioOff);
    }
    if (!missing.isEmpty()) {
      out.add("  Missing:");
      missing.forEach(m -> out.add("    ! " + m));
    }
    return String.join(System.lineSeparator(), out);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }

  private static String hostForDisplay(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }

  /** JDBC URLs may carry {@code password=}: drop the query part. */
  private static String redactJdbc(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?****";
  }
}
