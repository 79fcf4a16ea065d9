package dev.switchboard.sip.ua;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.sip.SipCallHandler;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipStats;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one JAIN-SIP stack: its properties (logging bridged to SLF4J, automatic dialogs, NOTIFY for
 * our REFERs), UDP and TCP listening points, the provider and our {@link SipUserAgent}.
 */
public final class SipStackHost implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SipStackHost.class);
  private static final AtomicInteger STACKS = new AtomicInteger();

  private final SipStack stack;
  private final SipProvider provider;
  private final SipUserAgent agent;

  private SipStackHost(SipStack stack, SipProvider provider, SipUserAgent agent) {
    this.stack = stack;
    this.provider = provider;
    this.agent = agent;
  }

  public static SipStackHost start(
      SipConfig config, SipCallHandler handler, MediaClock clock, SipStats stats) {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "switchboard-" + STACKS.incrementAndGet());
    // Logging through SLF4J instead of the stack's log4j 1.x LogWriter / ServerLog.
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "DEBUG");
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    // Calls run concurrently: several listener threads, and the listener may be re-entered.
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
    // NOTIFYs for our REFER's implicit subscription (RFC 3515 §2.4.4) reach the listener.
    p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    SipStack stack = null;
    try {
      stack = factory.createSipStack(p);
      SipProvider provider = null;
      for (String transport : config.transports()) {
        ListeningPoint lp = stack.createListeningPoint(config.bindHost(), config.port(), transport);
        if (provider == null) {
          provider = stack.createSipProvider(lp);
        } else {
          provider.addListeningPoint(lp);
        }
      }
      SipUserAgent agent = new SipUserAgent(config, handler, clock, stats);
      agent.attach(provider, new SipMessages(factory, config.advertisedHost(), config.port()));
      provider.addSipListener(agent);
      stack.start();
      log.info(
          "SIP listening on {}:{} {} (advertised {}), RTP {} , allow {}",
          config.bindHost(),
          config.port(),
          config.transports(),
          config.advertisedHost(),
          config.media().ports(),
          config.allowedSources().isEmpty() ? "any" : config.allowedSources());
      return new SipStackHost(stack, provider, agent);
    } catch (Exception e) {
      if (stack != null) {
        stack.stop();
      }
      throw new IllegalStateException(
          "cannot start SIP on " + config.bindHost() + ":" + config.port() + ": " + e, e);
    }
  }

  public SipUserAgent agent() {
    return agent;
  }

  @Override
  public void close() {
    agent.hangUpAll("server shutting down");
    try {
      provider.removeSipListener(agent);
    } finally {
      try {
        stack.stop();
      } catch (RuntimeException e) {
        // JAIN-SIP RI 1.3.0-91 can throw ConcurrentModificationException from
        // UDPMessageProcessor.stop while a listener thread is still finishing; the sockets are
        // closed by then, so shutdown is complete for our purposes.
        log.warn("JAIN-SIP stack stop: {}", e.toString());
      }
    }
  }
}
