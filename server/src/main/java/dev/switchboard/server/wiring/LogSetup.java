package dev.switchboard.server.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log format at start-up: structured JSON lines (with the MDC, so each line of a call
 * carries {@code callId}) for machines, a readable pattern on a terminal. {@code auto} picks text
 * when stdout is a terminal.
 */
public final class LogSetup {

  private LogSetup() {}

  /**
   * @param format {@code auto}, {@code json} or {@code text}
   * @return the format used
   */
  public static String configure(String format) {
    boolean json = format.equals("json") || (format.equals("auto") && System.console() == null);
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return "unmanaged";
    }
    ctx.reset();
    // java.util.logging users (Sphinx4 logs model loading at INFO through JUL's console handler):
    // warnings only, so the server's own log stays one format.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    Encoder<ILoggingEvent> encoder;
    if (json) {
      JsonEncoder e = new JsonEncoder();
      e.setWithSequenceNumber(false);
      e.setWithNanoseconds(false);
      e.setWithArguments(false);
      e.setWithContext(false);
      // One readable "formattedMessage" per line, not the raw "{}" pattern.
      e.setWithMessage(false);
      e.setWithFormattedMessage(true);
      encoder = e;
    } else {
      PatternLayoutEncoder e = new PatternLayoutEncoder();
      e.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} %X{callId:-} - %msg%n");
      encoder = e;
    }
    encoder.setContext(ctx);
    encoder.start();
    ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
    out.setContext(ctx);
    out.setName("console");
    out.setEncoder(encoder);
    out.start();
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(out);
    ctx.getLogger("org.xnio").setLevel(Level.WARN);
    ctx.getLogger("io.undertow").setLevel(Level.WARN);
    ctx.getLogger("org.jboss").setLevel(Level.WARN);
    return json ? "json" : "text";
  }
}
