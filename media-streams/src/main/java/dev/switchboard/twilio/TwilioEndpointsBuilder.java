package dev.switchboard.twilio;

import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.twilio.stream.CallCompleter;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** Assembles {@link TwilioEndpoints}. Not thread-safe; build once. */
public final class TwilioEndpointsBuilder {
  TwilioConfig config;
  FlowSelector flows;
  TwilioCallAdmission admission;
  MediaClock clock = SystemMediaClock.get();
  Function<CallInfo, List<CallEventListener>> listeners = info -> List.of();
  BiConsumer<CallInfo, Termination> onCallEnded = (i, t) -> {};
  Consumer<StatusEvent> onStatus = s -> {};
  CallCompleter completer;
  Duration streamIdleTimeout = TwilioEndpoints.DEFAULT_STREAM_IDLE_TIMEOUT;

  public TwilioEndpointsBuilder config(TwilioConfig value) {
    this.config = value;
    return this;
  }

  public TwilioEndpointsBuilder flows(FlowSelector value) {
    this.flows = value;
    return this;
  }

  /**
   * Lets the embedding server admit calls and build their sessions (instead of {@link #flows} and
   * the config's capacity).
   */
  public TwilioEndpointsBuilder admission(TwilioCallAdmission value) {
    this.admission = value;
    return this;
  }

  public TwilioEndpointsBuilder clock(MediaClock value) {
    this.clock = value;
    return this;
  }

  /** Per-call listeners (recorder, transcript, metrics). */
  public TwilioEndpointsBuilder listeners(Function<CallInfo, List<CallEventListener>> value) {
    this.listeners = value;
    return this;
  }

  public TwilioEndpointsBuilder onCallEnded(BiConsumer<CallInfo, Termination> value) {
    this.onCallEnded = value;
    return this;
  }

  public TwilioEndpointsBuilder onStatus(Consumer<StatusEvent> value) {
    this.onStatus = value;
    return this;
  }

  /** Overrides how calls are completed over REST (default: the SDK when an account SID is set). */
  public TwilioEndpointsBuilder callCompleter(CallCompleter value) {
    this.completer = value;
    return this;
  }

  /**
   * How long a Media Stream socket may stay silent before it is dropped and its call ends (default
   * {@link TwilioEndpoints#DEFAULT_STREAM_IDLE_TIMEOUT}; {@link Duration#ZERO}: never). Twilio
   * sends a frame every 20 ms for the whole call, so a silent socket means a dead peer or path;
   * without this, such a call would hold its slot and its backend session until max duration.
   */
  public TwilioEndpointsBuilder streamIdleTimeout(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("stream idle timeout must be >= 0, got " + value);
    }
    this.streamIdleTimeout = value;
    return this;
  }

  public TwilioEndpoints build() {
    return new TwilioEndpoints(this);
  }
}
