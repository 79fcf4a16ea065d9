package dev.switchboard.local;

import dev.switchboard.local.flow.ExampleFlow;
import dev.switchboard.local.flow.Flow;
import java.util.Map;

/**
 * Settings of the offline backend, shared by all its calls.
 *
 * @param flow the IVR flow every call runs
 * @param transferTargets flow target name (e.g. {@code sales}) → destination the transport dials
 *     (SIP URI or E.164 number): the same map the server gives the call core's {@code transfer}
 *     tool. Sessions also accept the names the session's {@code transfer} tool offers. A flow
 *     transfer to an unknown name tells the caller and hangs up
 * @param onsetMillis caller speech needed before the engine reports speech started (barge-in)
 * @param defaultSilenceMillis silence that ends a caller turn when the session's turn detection
 *     gives none
 * @param voicemailSilenceMillis silence that ends a voicemail after the caller has spoken
 */
public record LocalConfig(
    Flow flow,
    Map<String, String> transferTargets,
    int onsetMillis,
    int defaultSilenceMillis,
    int voicemailSilenceMillis) {

  public LocalConfig {
    transferTargets = Map.copyOf(transferTargets);
    if (onsetMillis < 10 || onsetMillis > 500) {
      throw new IllegalArgumentException("onsetMillis must be 10..500, was " + onsetMillis);
    }
    if (defaultSilenceMillis < 100 || defaultSilenceMillis > 5000) {
      throw new IllegalArgumentException(
          "defaultSilenceMillis must be 100..5000, was " + defaultSilenceMillis);
    }
    if (voicemailSilenceMillis < 500 || voicemailSilenceMillis > 30_000) {
      throw new IllegalArgumentException(
          "voicemailSilenceMillis must be 500..30000, was " + voicemailSilenceMillis);
    }
  }

  /** The example flow, no transfer targets, 60 ms onset, 500 ms end of turn, 3 s voicemail end. */
  public static LocalConfig defaults() {
    return new LocalConfig(ExampleFlow.flow(), Map.of(), 60, 500, 3000);
  }

  public LocalConfig withTransferTargets(Map<String, String> targets) {
    return new LocalConfig(
        flow, targets, onsetMillis, defaultSilenceMillis, voicemailSilenceMillis);
  }

  public LocalConfig withFlow(Flow newFlow) {
    return new LocalConfig(
        newFlow, transferTargets, onsetMillis, defaultSilenceMillis, voicemailSilenceMillis);
  }
}
