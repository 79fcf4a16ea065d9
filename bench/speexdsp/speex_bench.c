/*
 * Reference timing for the Java resampler: libspeexdsp's resampler on the same speech-like
 * signal (see bench/src/main/java/dev/switchboard/bench/SpeechLikeSignal.java), 8k->24k and
 * 24k->8k in 20 ms frames with speex_resampler_process_int, as a call would use it.
 *
 * Usage: speex_bench QUALITY SECONDS [snr]
 * Prints one line per direction: "speex q<Q> <in>-><out> mean_ns=.. best_ns=.." and, with "snr",
 * the SNR of speex's float path against the ideal band-limited signal (the method of
 * ResamplerQualityTest: the analytic signal sampled at the output rate, delay found by search).
 */
#define _DEFAULT_SOURCE
#include <math.h>
#include <speex/speex_resampler.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define F0_HZ 140.0
#define PEAK 9000.0

static double weight(int k) {
  double f = k * F0_HZ;
  double formants = 1 + 3 * exp(-pow((f - 700) / 150, 2)) + 2 * exp(-pow((f - 1200) / 200, 2));
  return formants / k;
}

/* Same formula as SpeechLikeSignal.java; value at time t seconds. */
static double speech_like(double t) {
  int harmonics = (int)(3400 / F0_HZ);
  double norm = 0, voiced = 0;
  for (int k = 1; k <= harmonics; k++) {
    norm += weight(k);
    voiced += weight(k) * sin(2 * M_PI * k * F0_HZ * t + 0.5 * k * k);
  }
  double envelope = 0.5 * (1 - cos(2 * M_PI * 4 * t));
  return PEAK * envelope * voiced / norm;
}

/* The multi-tone signal of ResamplerQualityTest (TestSignals.multiTone(3400, 20000)). */
static double multi_tone(double t) {
  static const double fraction[] = {0.03, 0.09, 0.21, 0.37, 0.52, 0.68, 0.83, 0.94, 1.0};
  double sum = 0;
  for (int k = 0; k < 9; k++) {
    sum += 20000.0 / 9 * sin(2 * M_PI * fraction[k] * 3400 * t + 0.7 * k * k);
  }
  return sum;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void time_direction(int quality, int in_rate, int out_rate, double seconds) {
  int in_frame = in_rate / 50, out_frame = out_rate / 50, frames = 50;
  spx_int16_t *input = malloc(sizeof(spx_int16_t) * in_frame * frames);
  spx_int16_t *output = malloc(sizeof(spx_int16_t) * out_frame * 2);
  for (int n = 0; n < in_frame * frames; n++) {
    input[n] = (spx_int16_t)lrint(speech_like((double)n / in_rate));
  }
  int err = 0;
  SpeexResamplerState *st = speex_resampler_init(1, in_rate, out_rate, quality, &err);
  if (!st || err) {
    fprintf(stderr, "speex_resampler_init failed: %d\n", err);
    exit(1);
  }
  /* Pass 0 warms caches and branch predictors; then whole passes of 50 frames until the time is
   * up. The machine may be shared and noisy, so both the mean and the best pass are reported. */
  long total_frames = 0, checksum = 0;
  double start = 0, best_pass_ns = 1e300, deadline_ns = seconds * 1e9;
  for (int pass = 0;; pass++) {
    double pass_start = now_ns();
    if (pass == 1) {
      start = pass_start;
      total_frames = 0;
    }
    for (int f = 0; f < frames; f++) {
      spx_uint32_t in_len = in_frame, out_len = out_frame * 2;
      speex_resampler_process_int(st, 0, input + f * in_frame, &in_len, output, &out_len);
      if (in_len != (spx_uint32_t)in_frame) {
        fprintf(stderr, "speex consumed %u of %d samples\n", in_len, in_frame);
        exit(1);
      }
      checksum += output[out_len / 2];
      total_frames++;
    }
    double pass_ns = (now_ns() - pass_start) / frames;
    if (pass > 0 && pass_ns < best_pass_ns) {
      best_pass_ns = pass_ns;
    }
    if (pass > 0 && now_ns() - start > deadline_ns) {
      break;
    }
  }
  double mean_ns = (now_ns() - start) / total_frames;
  printf("speex q%d %d->%d mean_ns=%.0f best_ns=%.0f frames=%ld checksum=%ld\n", quality, in_rate,
         out_rate, mean_ns, best_pass_ns, total_frames, checksum);
  speex_resampler_destroy(st);
  free(input);
  free(output);
}

/* SNR of the float path against the analytic signal at the output rate, best delay by search. */
static void snr_direction(int quality, int in_rate, int out_rate, double (*signal)(double),
                          const char *name) {
  int in_len_total = in_rate, out_len_total = out_rate; /* one second */
  float *input = malloc(sizeof(float) * in_len_total);
  float *output = calloc(out_len_total + 64, sizeof(float));
  for (int n = 0; n < in_len_total; n++) {
    input[n] = (float)signal((double)n / in_rate);
  }
  int err = 0;
  SpeexResamplerState *st = speex_resampler_init(1, in_rate, out_rate, quality, &err);
  spx_uint32_t produced = 0;
  for (int f = 0; f < 50; f++) {
    spx_uint32_t in_len = in_rate / 50, out_len = out_len_total + 64 - produced;
    speex_resampler_process_float(st, 0, input + f * (in_rate / 50), &in_len, output + produced,
                                  &out_len);
    produced += out_len;
  }
  int max_rate = in_rate > out_rate ? in_rate : out_rate;
  double best_snr = -1e9, best_delay_ms = 0;
  for (int d = 0; d <= max_rate / 100; d++) { /* 0 .. 10 ms in steps of 1/max_rate */
    double delay = (double)d / max_rate, sig = 0, noise = 0;
    for (int n = out_rate / 50; n < (int)produced - out_rate / 100; n++) {
      double ref = signal((double)n / out_rate - delay);
      double e = output[n] - ref;
      sig += ref * ref;
      noise += e * e;
    }
    double snr = 10 * log10(sig / noise);
    if (snr > best_snr) {
      best_snr = snr;
      best_delay_ms = delay * 1000;
    }
  }
  printf("speex q%d %d->%d snr_db=%.1f delay_ms=%.3f signal=%s (float path)\n", quality, in_rate,
         out_rate, best_snr, best_delay_ms, name);
  speex_resampler_destroy(st);
  free(input);
  free(output);
}

int main(int argc, char **argv) {
  int quality = argc > 1 ? atoi(argv[1]) : 7;
  double seconds = argc > 2 ? atof(argv[2]) : 3;
  time_direction(quality, 8000, 24000, seconds);
  time_direction(quality, 24000, 8000, seconds);
  if (argc > 3) {
    snr_direction(quality, 8000, 24000, speech_like, "speech-like");
    snr_direction(quality, 24000, 8000, speech_like, "speech-like");
    snr_direction(quality, 8000, 24000, multi_tone, "multi-tone");
    snr_direction(quality, 24000, 8000, multi_tone, "multi-tone");
  }
  return 0;
}
