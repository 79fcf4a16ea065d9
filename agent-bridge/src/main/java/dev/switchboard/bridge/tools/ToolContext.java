package dev.switchboard.bridge.tools;

import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.TransferResult;
import java.util.concurrent.CompletableFuture;

/** What a tool may do to its call. Methods are safe from any thread (they post to the call). */
public interface ToolContext {

  CallInfo call();

  /** Ends the call once the agent's reply to this tool result has been played. */
  void hangUpAfterPlayback(String reason);

  /** Hands the caller to {@code target}; on success the call ends as transferred. */
  CompletableFuture<TransferResult> transfer(String target);
}
