package dev.switchboard.server.flow;

import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.bargein.BargeInPolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One validated flow. Immutable: a reload creates a new {@code Flow}, and calls in progress keep
 * the instance they started with.
 *
 * @param name unique flow name (file name without {@code .yaml} unless given)
 * @param version content hash, changes with every edit (shown in the admin API and call records)
 * @param answers which calls this flow takes
 * @param backend {@code openai}, {@code local}, or {@code auto} (OpenAI when a key is configured)
 * @param model backend model, or {@code null} for the backend's default
 * @param greeting what the agent says first, or {@code null} to wait for the caller
 * @param language BCP 47 hint, or {@code null}
 * @param turnDetection how turns end ({@code local_vad} maps to {@link TurnDetection.None}: the
 *     bridge decides)
 * @param bargeInDuringGreeting whether the caller may interrupt the greeting
 * @param transfers target name → SIP/tel URI or number
 * @param transferMode how SIP calls are handed to a transfer target: {@code refer} (blind, RFC
 *     3515), {@code bridge} (we dial the target and stay in the media path) or {@code
 *     refer_then_bridge} (bridge when the caller's side refuses REFER). Twilio calls ignore it
 * @param dtmf digit → action ({@code TEXT} sends text to the model)
 * @param maxDuration calls end after this
 * @param businessHours opening hours, or {@code null} for always open
 * @param fallback what to do when the backend is unavailable
 * @param ivr the offline IVR steps subtree (parsed by the offline backend), or {@code null}
 */
public record Flow(
    String name,
    String version,
    Answers answers,
    String backend,
    String model,
    String instructions,
    String voice,
    String greeting,
    String language,
    TurnDetection turnDetection,
    BargeInPolicy bargeIn,
    boolean bargeInDuringGreeting,
    List<WebhookSpec> tools,
    Map<String, String> transfers,
    String transferMode,
    Map<Character, FlowAction> dtmf,
    Recording recording,
    Duration maxDuration,
    BusinessHours businessHours,
    FlowAction fallback,
    Map<String, Object> ivr) {

  /**
   * @param numbers E.164 numbers (Twilio {@code To}, SIP request-URI user that is a number)
   * @param sipUsers SIP request-URI users
   * @param catchAll answers calls no other flow answers
   */
  public record Answers(List<String> numbers, List<String> sipUsers, boolean catchAll) {
    public Answers {
      numbers = List.copyOf(numbers);
      sipUsers = List.copyOf(sipUsers);
    }
  }

  /**
   * A tool backed by an HTTP webhook.
   *
   * @param parametersJsonSchema JSON Schema of the arguments, as JSON text
   * @param authHeaderEnv environment variable holding the {@code Authorization} header value (the
   *     secret stays out of the flow file)
   */
  public record WebhookSpec(
      String name,
      String description,
      String url,
      String parametersJsonSchema,
      Duration timeout,
      String authHeaderEnv) {}

  /**
   * @param format {@code wav} or {@code opus}
   * @param retention recordings are deleted after this
   * @param pci {@code none}, {@code pause_on_dtmf} (digits and the audio around them are not
   *     recorded, PCI DSS 3.2) or {@code redact_transcript}
   */
  public record Recording(boolean enabled, String format, Duration retention, String pci) {}

  /**
   * @param zone time zone of the opening hours
   * @param weekly opening intervals per day ({@code mon}..{@code sun} → list of {@code
   *     HH:mm-HH:mm})
   * @param afterHours what to do outside them
   */
  public record BusinessHours(
      ZoneId zone, Map<java.time.DayOfWeek, List<TimeRange>> weekly, FlowAction afterHours) {

    /** Open at {@code instant}. */
    public boolean isOpen(java.time.Instant instant) {
      var local = instant.atZone(zone);
      for (TimeRange r : weekly.getOrDefault(local.getDayOfWeek(), List.of())) {
        if (r.contains(local.toLocalTime())) {
          return true;
        }
      }
      return false;
    }
  }

  /** A half-open interval [from, to) of local time. */
  public record TimeRange(java.time.LocalTime from, java.time.LocalTime to) {
    boolean contains(java.time.LocalTime t) {
      return !t.isBefore(from) && t.isBefore(to);
    }
  }

  public Flow {
    tools = List.copyOf(tools);
    transfers = Map.copyOf(transfers);
    dtmf = Map.copyOf(dtmf);
  }
}
