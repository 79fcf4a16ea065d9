package dev.switchboard.twilio;

import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.twilio.stream.TwilioMediaTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls this node holds, from the voice webhook until their termination, keyed by {@code
 * CallSid}. Its size is what capacity counts. Thread-safe.
 */
final class CallRegistry {

  /** One call: its session and the transport its Media Stream binds to. */
  record Entry(CallSession session, TwilioMediaTransport transport, String flow) {}

  private final Map<String, Entry> calls = new ConcurrentHashMap<>();

  Entry get(String callSid) {
    return callSid == null ? null : calls.get(callSid);
  }

  /** Adds unless present; returns the entry now registered. */
  Entry putIfAbsent(String callSid, Entry e) {
    Entry prior = calls.putIfAbsent(callSid, e);
    return prior != null ? prior : e;
  }

  void remove(String callSid, Entry e) {
    calls.remove(callSid, e);
  }

  int size() {
    return calls.size();
  }

  Iterable<Entry> all() {
    return calls.values();
  }
}
