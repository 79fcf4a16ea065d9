package dev.switchboard.bridge.call;

import dev.switchboard.bridge.backend.BackendEvent.AudioDelta;
import dev.switchboard.bridge.media.DownlinkPipeline;
import dev.switchboard.bridge.playback.OutboundFrame;
import dev.switchboard.bridge.playback.OutboundPacer;
import dev.switchboard.bridge.playback.PlaybackPosition;
import dev.switchboard.bridge.playback.PlaybackTracker;
import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.transcoding.PcmFrame;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The agent's side of one call's audio: downlink pipeline, our queue and pacer, the carrier sink
 * and the playback tracker, plus per-item accounting (audio received from the backend, audio
 * queued) and the set of cancelled responses whose late deltas are dropped. Confined to the call's
 * control thread.
 */
final class Playout {

  private final PlaybackSink sink;
  private final PlaybackTracker tracker;
  private final DownlinkPipeline downlink;
  private final OutboundPacer pacer;
  private final Map<String, Long> receivedMicros = new HashMap<>();
  private final Map<String, Long> queuedMicros = new HashMap<>();
  private final Set<String> cancelledResponses = new HashSet<>();
  private String currentItem;
  private int currentContent;
  private String currentKey; // key(currentItem, currentContent), built once per content part
  private long lateDeltasDropped;

  Playout(
      PlaybackSink sink,
      PlaybackTracker tracker,
      DownlinkPipeline downlink,
      long leadMicros,
      OutboundPacer.SentListener sent) {
    this.sink = sink;
    this.tracker = tracker;
    this.downlink = downlink;
    this.pacer = new OutboundPacer(sink, tracker, leadMicros, sent);
  }

  private static String key(String itemId, int contentIndex) {
    return itemId + "#" + contentIndex;
  }

  /** Queues a delta; false (and counted) when its response was cancelled. */
  boolean accept(AudioDelta d) {
    if (cancelledResponses.contains(d.responseId())) {
      lateDeltasDropped++;
      return false;
    }
    if (currentItem != null
        && (!currentItem.equals(d.itemId()) || currentContent != d.contentIndex())) {
      flush();
      currentItem = null;
    }
    if (currentItem == null) {
      currentItem = d.itemId();
      currentContent = d.contentIndex();
      currentKey = key(currentItem, currentContent);
    }
    receivedMicros.merge(currentKey, d.audio().durationMicros(), Long::sum);
    for (PcmFrame f : downlink.process(d.audio())) {
      enqueue(f);
    }
    return true;
  }

  /** The content part ended: its last partial frame goes out padded with silence. */
  void audioDone(String itemId, int contentIndex) {
    if (itemId.equals(currentItem) && contentIndex == currentContent) {
      flush();
      currentItem = null;
    }
  }

  private void flush() {
    PcmFrame last = downlink.flush();
    if (last != null) {
      enqueue(last);
    }
  }

  private void enqueue(PcmFrame f) {
    String k = currentKey;
    long start = queuedMicros.getOrDefault(k, 0L);
    pacer.enqueue(new OutboundFrame(currentItem, currentContent, start, f));
    queuedMicros.put(k, start + f.durationMicros());
  }

  int pump(long nowNanos) {
    return pacer.pump(nowNanos);
  }

  /** Agent audio is at the carrier or waiting here. */
  boolean speaking(long nowNanos) {
    return pacer.hasQueued() || tracker.audible(nowNanos);
  }

  boolean finished(String itemId, long nowNanos) {
    return !pacer.holds(itemId) && !tracker.holds(itemId, nowNanos) && !itemId.equals(currentItem);
  }

  /** Stops writing and clears the carrier; unplayed frames go back to the head of our queue. */
  PlaybackTracker.Cleared pauseAndClear(long nowNanos) {
    pacer.pause();
    PlaybackTracker.Cleared cleared = tracker.clear(nowNanos);
    sink.clear();
    pacer.requeueFront(cleared.unplayed());
    return cleared;
  }

  /** Stops writing new frames; the carrier plays out its lead. */
  void pause() {
    pacer.pause();
  }

  void resume(long nowNanos) {
    pacer.resume();
    pacer.pump(nowNanos);
  }

  boolean paused() {
    return pacer.paused();
  }

  /**
   * Interrupts for good: clears the carrier (unless already cleared), drops our queue and the
   * partial downlink frame, and returns the items that had queued audio never started.
   */
  Interrupted interrupt(long nowNanos, boolean carrierAlreadyCleared) {
    pacer.pause();
    PlaybackTracker.Cleared cleared = null;
    if (!carrierAlreadyCleared) {
      cleared = tracker.clear(nowNanos);
      sink.clear();
    }
    Set<String> queuedItems = new LinkedHashSet<>();
    pacer.drop(
        f -> {
          queuedItems.add(f.itemId());
          return true;
        });
    downlink.reset();
    currentItem = null;
    pacer.resume();
    return new Interrupted(cleared, queuedItems);
  }

  /** What {@link #interrupt} did. */
  record Interrupted(PlaybackTracker.Cleared cleared, Set<String> queuedItems) {}

  void cancelResponse(String responseId) {
    if (responseId != null) {
      cancelledResponses.add(responseId);
    }
  }

  boolean cancelled(String responseId) {
    return cancelledResponses.contains(responseId);
  }

  long receivedMicros(String itemId, int contentIndex) {
    return receivedMicros.getOrDefault(key(itemId, contentIndex), 0L);
  }

  long queuedMicros(String itemId, int contentIndex) {
    return queuedMicros.getOrDefault(key(itemId, contentIndex), 0L);
  }

  boolean started(String itemId) {
    return receivedMicros.keySet().stream().anyMatch(k -> k.startsWith(itemId + "#"));
  }

  PlaybackTracker tracker() {
    return tracker;
  }

  void markPlayed(String name, long nowNanos) {
    tracker.onMarkPlayed(name, nowNanos);
  }

  long lateDeltasDropped() {
    return lateDeltasDropped;
  }

  /** Teardown: drop everything and clear the carrier if it holds audio. */
  /**
   * Stops playout for good (call end) and returns what the caller heard of the part that was
   * playing, or {@link PlaybackPosition#NONE} when nothing was audible.
   */
  PlaybackPosition stop(long nowNanos) {
    pacer.pause();
    pacer.drop(f -> true);
    if (!tracker.audible(nowNanos)) {
      return PlaybackPosition.NONE;
    }
    PlaybackPosition heard = tracker.clear(nowNanos).position();
    sink.clear();
    return heard;
  }

  @Override
  public String toString() {
    return downlink.toString();
  }

  String pacerChain() {
    return pacer.toString();
  }
}
