package dev.switchboard.recordings.audio;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.resample.Resamplers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Places both legs of a call on one call clock: caller left, agent right, at the recording rate.
 *
 * <ul>
 *   <li><b>Caller</b> frames are a continuous stream (the transport's sample count is its own
 *       clock); each frame's call-clock position only resynchronises the stream when it strays by
 *       more than {@code toleranceMillis} (packet loss → silence; a faster far-end clock → the
 *       overlap is dropped). That keeps the channels aligned within one frame over an hour of 50
 *       ppm clock drift, without chopping jittery arrivals.
 *   <li><b>Agent</b> frames are placed exactly where the pacer said they start to play. A playback
 *       clear at {@code t} forgets agent audio from {@code t} on: audio sent ahead but cleared by a
 *       barge-in was never heard, so it is not recorded, and frames resent after a false
 *       interruption land where they really played.
 *   <li>Nothing is written before {@code holdbackMillis} behind the newest call-clock time seen, so
 *       late caller frames still fit; agent audio is never cleared retroactively (a clear happens
 *       "now"), so this bound is all the writer waits.
 * </ul>
 *
 * Confined to the writer thread.
 */
public final class StereoTimeline {

  private final int rateHz;
  private final long toleranceSamples;
  private final long holdbackSamples;
  private final SampleBuffer caller = new SampleBuffer();
  private final SampleBuffer agent = new SampleBuffer();
  private final PausedSpans paused;
  private final Map<Integer, Resampler> callerResamplers = new HashMap<>();
  private final Map<Integer, Resampler> agentResamplers = new HashMap<>();
  private long nowSample;
  private long resyncs;

  /** Two channels of frames covering the same samples. */
  public record Stereo(PcmFrame left, PcmFrame right, long startSample) {}

  public StereoTimeline(
      int rateHz, Duration tolerance, Duration holdback, PausedSpans pausedSpans) {
    this.rateHz = rateHz;
    this.toleranceSamples = toSample(tolerance);
    this.holdbackSamples = toSample(holdback);
    this.paused = pausedSpans;
  }

  public int rateHz() {
    return rateHz;
  }

  private long toSample(Duration at) {
    return Math.floorDiv(at.toNanos() * rateHz, 1_000_000_000L);
  }

  /** The newest call-clock time known (events carry "now"). */
  public void advance(Duration at) {
    nowSample = Math.max(nowSample, toSample(at));
  }

  public void callerAudio(Duration at, PcmFrame frame) {
    short[] s = resample(callerResamplers, frame).samples();
    long p = toSample(at);
    long end = Math.max(caller.end(), caller.base());
    long gap = p - end;
    long writeAt = end;
    if (gap > toleranceSamples || gap < -toleranceSamples) {
      writeAt = p; // lost frames (silence fills) or drift (the overlap is overwritten)
      resyncs++;
      if (p < end) {
        caller.truncate(p);
      }
    }
    caller.put(writeAt, s, 0, s.length);
    nowSample = Math.max(nowSample, p + s.length);
  }

  public void agentAudio(Duration at, PcmFrame frame) {
    short[] s = resample(agentResamplers, frame).samples();
    agent.put(toSample(at), s, 0, s.length);
  }

  /** Playback stopped at {@code at}: agent audio from there on was never heard. */
  public void playbackCleared(Duration at) {
    advance(at);
    agent.truncate(toSample(at));
  }

  /** Frames ready to write: up to the holdback behind now. {@code null} when none. */
  public Stereo drain() {
    return take(nowSample - holdbackSamples);
  }

  /** Everything up to the call's end at {@code end}: nothing after it was heard. */
  public Stereo drainAll(Duration end) {
    advance(end);
    return take(Math.max(nowSample, caller.end()));
  }

  private Stereo take(long until) {
    long from = caller.base();
    if (until <= from) {
      return null;
    }
    short[] left = caller.take(until);
    short[] right = agent.take(until);
    paused.mute(left, right, from, rateHz);
    return new Stereo(new PcmFrame(left, rateHz), new PcmFrame(right, rateHz), from);
  }

  /** Samples per channel written so far. */
  public long writtenSamples() {
    return caller.base();
  }

  /** Times the caller stream was resynchronised to the call clock. */
  public long resyncs() {
    return resyncs;
  }

  private PcmFrame resample(Map<Integer, Resampler> resamplers, PcmFrame frame) {
    if (frame.sampleRateHz() == rateHz) {
      return frame;
    }
    return resamplers
        .computeIfAbsent(frame.sampleRateHz(), in -> Resamplers.create(in, rateHz))
        .process(frame);
  }
}
