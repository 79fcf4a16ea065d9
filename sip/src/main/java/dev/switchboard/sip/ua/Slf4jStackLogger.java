package dev.switchboard.sip.ua;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's stack log, bridged to SLF4J logger {@code gov.nist.javax.sip} through the stack's
 * {@code gov.nist.javax.sip.STACK_LOGGER} hook, so no log4j 1.x is needed at run time. The stack
 * asks {@link #isLoggingEnabled(int)} before building messages, so disabled levels cost nothing.
 */
public final class Slf4jStackLogger implements StackLogger {

  private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");

  private volatile boolean enabled = true;

  public Slf4jStackLogger() {}

  @Override
  public void logStackTrace() {
    if (log.isTraceEnabled()) {
      log.trace("stack trace", new Throwable("stack trace"));
    }
  }

  @Override
  public void logStackTrace(int traceLevel) {
    logStackTrace();
  }

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    log.warn("JAIN-SIP exception", ex);
  }

  @Override
  public void logDebug(String message) {
    log.debug(message);
  }

  @Override
  public void logDebug(String message, Exception ex) {
    log.debug(message, ex);
  }

  @Override
  public void logTrace(String message) {
    log.trace(message);
  }

  @Override
  public void logFatalError(String message) {
    log.error(message);
  }

  @Override
  public void logError(String message) {
    log.error(message);
  }

  @Override
  public boolean isLoggingEnabled() {
    return enabled;
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    if (!enabled) {
      return false;
    }
    return switch (logLevel) {
      case TRACE_FATAL, TRACE_ERROR -> log.isErrorEnabled();
      case TRACE_WARN -> log.isWarnEnabled();
      case TRACE_INFO -> log.isInfoEnabled();
      case TRACE_DEBUG -> log.isDebugEnabled();
      case TRACE_NONE -> false;
      default -> log.isTraceEnabled();
    };
  }

  @Override
  public void logError(String message, Exception ex) {
    log.error(message, ex);
  }

  @Override
  public void logWarning(String message) {
    log.warn(message);
  }

  @Override
  public void logInfo(String message) {
    log.info(message);
  }

  @Override
  public void disableLogging() {
    enabled = false;
  }

  @Override
  public void enableLogging() {
    enabled = true;
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {
    log.debug("JAIN-SIP build {}", buildTimeStamp);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public String getLoggerName() {
    return log.getName();
  }
}
