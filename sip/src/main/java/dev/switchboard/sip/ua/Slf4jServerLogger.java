package dev.switchboard.sip.ua;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message trace (every SIP message in and out), bridged to SLF4J logger {@code
 * dev.switchboard.sip.messages} at debug level via the stack's {@code
 * gov.nist.javax.sip.SERVER_LOGGER} hook.
 */
public final class Slf4jServerLogger implements ServerLogger {

  private static final Logger log = LoggerFactory.getLogger("dev.switchboard.sip.messages");

  public Slf4jServerLogger() {}

  @Override
  public void closeLogFile() {}

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    trace(message, from, to, sender);
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender, long time) {
    trace(message, from, to, sender);
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender) {
    trace(message, from, to, sender);
  }

  private static void trace(SIPMessage message, String from, String to, boolean sender) {
    if (log.isDebugEnabled()) {
      log.debug(
          "{} {} -> {} Call-ID {}\n{}",
          sender ? "sent" : "received",
          from,
          to,
          message.getCallId() == null ? "?" : message.getCallId().getCallId(),
          message.encode());
    }
  }

  @Override
  public void logException(Exception ex) {
    log.warn("JAIN-SIP message exception", ex);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public void setSipStack(SipStack sipStack) {}
}
