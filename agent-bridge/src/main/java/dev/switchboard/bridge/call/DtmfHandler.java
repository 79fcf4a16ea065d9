package dev.switchboard.bridge.call;

/** Handles DTMF digits in the flow itself (IVR menus). Called on the call's control thread. */
@FunctionalInterface
public interface DtmfHandler {
  void onDigit(char digit, CallSession call);
}
