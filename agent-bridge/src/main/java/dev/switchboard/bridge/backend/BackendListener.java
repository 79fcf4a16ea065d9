package dev.switchboard.bridge.backend;

/**
 * Receives a session's events, on the backend's own thread. Implementations hand events off to the
 * call's control queue and return at once; they never block and never throw.
 */
@FunctionalInterface
public interface BackendListener {
  void onEvent(BackendEvent event);
}
