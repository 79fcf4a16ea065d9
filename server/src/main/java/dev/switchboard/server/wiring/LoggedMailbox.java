package dev.switchboard.server.wiring;

import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.server.tools.VoicemailTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voicemail mailbox of a build without the recordings module: logs each message's span (call,
 * mailbox, caller-audio milliseconds) so an operator can see it was left; the audio is not stored.
 * Stateless.
 */
final class LoggedMailbox implements VoicemailTool.Mailbox {

  private static final Logger LOG = LoggerFactory.getLogger(LoggedMailbox.class);

  @Override
  public void started(CallInfo call, String mailbox, int maxSeconds) {
    LOG.info(
        "voicemail for mailbox {} from {} started (at most {} s)",
        mailbox,
        call.from(),
        maxSeconds);
  }

  @Override
  public void stopped(
      CallInfo call, String mailbox, long audioStartMs, long audioEndMs, boolean speech) {
    LOG.warn(
        "voicemail for mailbox {} from {}: {} ms of caller audio ({}..{} ms{}); not stored:"
            + " no recorder in this build",
        mailbox,
        call.from(),
        audioEndMs - audioStartMs,
        audioStartMs,
        audioEndMs,
        speech ? "" : ", no speech");
  }
}
