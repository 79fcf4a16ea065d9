package dev.switchboard.bridge.call;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.bargein.BargeInDetector;
import dev.switchboard.bridge.bargein.BargeInPolicy;
import dev.switchboard.bridge.bargein.EchoCanceller;
import dev.switchboard.bridge.bargein.UplinkAnalyzer;
import dev.switchboard.bridge.media.MediaPipelines;
import dev.switchboard.bridge.media.UplinkPipeline;
import dev.switchboard.bridge.playback.MarkPlaybackTracker;
import dev.switchboard.bridge.playback.OutboundPacer;
import dev.switchboard.bridge.playback.PacedPlaybackTracker;
import dev.switchboard.bridge.playback.PlaybackTracker;

/**
 * The media side of one call, wired from its builder: the uplink analysis (echo cancellation when
 * the transport's playback and uplink share a rate, then the speech classifier), barge-in
 * detection, the chain that turns caller frames into the backend's input format, and the agent
 * playout with the playback tracker its transport calls for (marks, or our own pacer). Built once
 * per call; every part is confined to the call's control loop.
 *
 * @param chains one line naming every stage both ways, for the call log and {@code CallStarted}
 */
record CallMedia(
    UplinkAnalyzer analyzer,
    BargeInDetector detector,
    UplinkPipeline uplink,
    Playout playout,
    String chains) {

  static CallMedia wire(
      CallSession.Builder b,
      SessionConfig session,
      long originNanos,
      OutboundPacer.SentListener agentFrameSent) {
    BargeInPolicy policy = b.config.bargeIn();
    var sink = b.transport.playback();
    PlaybackTracker tracker =
        b.config.playback() == CallConfig.PlaybackClock.OWN_PACER
            ? new PacedPlaybackTracker()
            : new MarkPlaybackTracker(sink.markIntervalMillis() * 1000L);
    int uplinkRate = b.transport.uplinkRateHz();
    EchoCanceller canceller =
        policy.echoCancellation() && sink.sampleRateHz() == uplinkRate
            ? EchoCanceller.forRate(uplinkRate)
            : null;
    UplinkAnalyzer analyzer =
        new UplinkAnalyzer(policy, b.classifiers.get(), canceller, uplinkRate, originNanos);
    Playout playout =
        new Playout(
            sink,
            tracker,
            MediaPipelines.downlink(
                session.outputFormat(), sink.sampleRateHz(), b.resamplers, "pacer"),
            b.config.playbackLead().toNanos() / 1000,
            agentFrameSent);
    UplinkPipeline uplink =
        MediaPipelines.uplink(uplinkRate, session.inputFormat(), b.resamplers, "backend");
    String chains =
        "uplink: transport -> "
            + analyzer
            + " -> "
            + uplink
            + " | downlink: "
            + playout
            + " -> "
            + playout.pacerChain();
    return new CallMedia(analyzer, new BargeInDetector(policy), uplink, playout, chains);
  }
}
