package dev.switchboard.bridge.call;

/**
 * Handles DTMF digits in the flow itself (IVR menus). Called on the call's control thread, which
 * may be a socket IO thread shared with other calls: never block here.
 */
@FunctionalInterface
public interface DtmfHandler {
  void onDigit(char digit, CallSession call);
}
