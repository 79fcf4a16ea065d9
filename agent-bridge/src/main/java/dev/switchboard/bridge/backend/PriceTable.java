package dev.switchboard.bridge.backend;

import java.math.BigDecimal;

/**
 * Prices per million tokens, in US dollars, for each {@link Usage} bucket. The buckets are
 * disjoint: {@link Usage#inputTextTokens()} and {@link Usage#inputAudioTokens()} are billed at the
 * uncached prices, {@link Usage#inputCachedTokens()} at the cached price.
 */
public record PriceTable(
    BigDecimal textInPerMillion,
    BigDecimal cachedInPerMillion,
    BigDecimal textOutPerMillion,
    BigDecimal audioInPerMillion,
    BigDecimal audioOutPerMillion) {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public PriceTable {
    for (BigDecimal p :
        new BigDecimal[] {
          textInPerMillion,
          cachedInPerMillion,
          textOutPerMillion,
          audioInPerMillion,
          audioOutPerMillion
        }) {
      if (p == null || p.signum() < 0) {
        throw new IllegalArgumentException("prices must be given and non-negative, was " + p);
      }
    }
  }

  /**
   * OpenAI's published {@code gpt-realtime} prices: text in $4, cached text and cached audio in
   * $0.40, text out $16, audio in $32, audio out $64 per million tokens.
   */
  public static PriceTable gptRealtime() {
    return new PriceTable(
        new BigDecimal("4.00"),
        new BigDecimal("0.40"),
        new BigDecimal("16.00"),
        new BigDecimal("32.00"),
        new BigDecimal("64.00"));
  }

  /** Cost in dollars of {@code usage}. */
  public BigDecimal cost(Usage usage) {
    BigDecimal micro =
        textInPerMillion
            .multiply(BigDecimal.valueOf(usage.inputTextTokens()))
            .add(cachedInPerMillion.multiply(BigDecimal.valueOf(usage.inputCachedTokens())))
            .add(audioInPerMillion.multiply(BigDecimal.valueOf(usage.inputAudioTokens())))
            .add(textOutPerMillion.multiply(BigDecimal.valueOf(usage.outputTextTokens())))
            .add(audioOutPerMillion.multiply(BigDecimal.valueOf(usage.outputAudioTokens())));
    return micro.divide(MILLION);
  }
}
