package dev.switchboard.sip.ua;

import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.sip.TransferMode;
import dev.switchboard.sip.sdp.AudioCodec;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's ways of reaching a human, chosen by its {@link TransferMode}: blind {@link Transfer}
 * by REFER, {@link BridgeTransfer} on an outbound leg, or REFER first and bridging when the
 * caller's side refuses the REFER itself. Thread-safe (the mode is volatile; each way guards its
 * own attempt).
 */
final class Transfers {

  private static final Logger log = LoggerFactory.getLogger(Transfers.class);

  private final SipCall call;
  private final Transfer refer;
  private final BridgeTransfer bridge;
  private volatile TransferMode mode = TransferMode.REFER;

  Transfers(SipCall call, SipUserAgent ua) {
    this.call = call;
    this.refer = new Transfer(call, ua);
    this.bridge = new BridgeTransfer(call, ua);
  }

  void mode(TransferMode value) {
    mode = value;
  }

  Transfer refer() {
    return refer;
  }

  /** Starts a transfer of the established call; {@code codec} is the caller's (may be null). */
  CompletableFuture<TransferResult> start(String target, AudioCodec codec) {
    return switch (mode) {
      case REFER -> refer.start(target);
      case BRIDGE -> bridge.start(target, codec);
      case REFER_THEN_BRIDGE ->
          refer.start(target).thenCompose(r -> bridgeIfRefused(r, target, codec));
    };
  }

  void callEnded(String reason) {
    refer.callEnded();
    bridge.callEnded(reason);
  }

  /** A REFER the caller's side refused (not one that was tried and failed) becomes a bridge. */
  private CompletableFuture<TransferResult> bridgeIfRefused(
      TransferResult result, String target, AudioCodec codec) {
    if (result.success() || !Transfer.refused(result)) {
      return CompletableFuture.completedFuture(result);
    }
    log.info("call {}: {}; bridging to {} instead", call.info().callId(), result.detail(), target);
    return bridge.start(target, codec);
  }
}
