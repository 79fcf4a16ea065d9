package dev.switchboard.server.wiring;

import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.call.DtmfHandler;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.FlowAction;

/**
 * A flow's DTMF rules: digit → transfer, hang-up or text to the model. Digits without a rule go to
 * the model as text, so the agent can still react. Runs on the call's control thread.
 */
final class FlowDtmfHandler implements DtmfHandler {

  private final Flow flow;
  private final CallTransport transport;

  FlowDtmfHandler(Flow flow, CallTransport transport) {
    this.flow = flow;
    this.transport = transport;
  }

  @Override
  public void onDigit(char digit, CallSession call) {
    FlowAction a = flow.dtmf().get(digit);
    if (a == null) {
      call.sendTextToModel(modelText(digit));
      return;
    }
    switch (a.kind()) {
      case TEXT -> call.sendTextToModel(a.text());
      case HANGUP -> call.hangUp("caller pressed " + digit);
      case TRANSFER -> {
        String target = flow.transfers().get(a.target());
        // The transport ends our leg once the carrier took the caller; end the session then.
        transport
            .transfer(target)
            .thenAccept(
                r -> {
                  if (r.success()) {
                    call.transferred("transferred to " + a.target() + " on DTMF " + digit);
                  }
                });
      }
      default -> call.sendTextToModel(modelText(digit));
    }
  }

  /**
   * The call core's own sentence for a key press (its {@code MODEL_TEXT} mode), which cloud models
   * read as a user message and the offline backend's IVR reads as the key itself.
   */
  static String modelText(char digit) {
    return "The caller pressed the phone key '" + digit + "'.";
  }
}
