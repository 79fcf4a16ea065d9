package dev.switchboard.testkit.twilio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulator reads from a TwiML answer: the {@code <Stream url>}, its {@code <Parameter>}s,
 * the {@code <Connect action>}, and whether it says, dials or hangs up. Enough of TwiML for the
 * documents Switchboard produces. Immutable.
 *
 * @param xml the whole document
 */
public record TwimlAnswer(
    String xml, String streamUrl, String connectAction, Map<String, String> parameters) {

  private static final Pattern STREAM = Pattern.compile("<Stream[^>]*\\burl=\"([^\"]*)\"");
  private static final Pattern ACTION = Pattern.compile("<Connect[^>]*\\baction=\"([^\"]*)\"");
  private static final Pattern PARAM =
      Pattern.compile("<Parameter\\s+name=\"([^\"]*)\"\\s+value=\"([^\"]*)\"");
  private static final Pattern PARAM_REVERSED =
      Pattern.compile("<Parameter\\s+value=\"([^\"]*)\"\\s+name=\"([^\"]*)\"");
  private static final Pattern DIAL = Pattern.compile("<Dial[^>]*>(?:<Sip[^>]*>)?([^<]*)<");

  public static TwimlAnswer parse(String xml) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(xml);
    while (m.find()) {
      params.put(unescape(m.group(1)), unescape(m.group(2)));
    }
    m = PARAM_REVERSED.matcher(xml);
    while (m.find()) {
      params.put(unescape(m.group(2)), unescape(m.group(1)));
    }
    return new TwimlAnswer(xml, find(STREAM, xml), find(ACTION, xml), Map.copyOf(params));
  }

  public boolean connectsStream() {
    return streamUrl != null;
  }

  public boolean hangsUp() {
    return xml.contains("<Hangup/>") || xml.contains("<Hangup></Hangup>");
  }

  public boolean says() {
    return xml.contains("<Say");
  }

  /** The dialled number or SIP URI, or {@code null}. */
  public String dialTarget() {
    return find(DIAL, xml);
  }

  private static String find(Pattern p, String xml) {
    Matcher m = p.matcher(xml);
    return m.find() ? unescape(m.group(1)) : null;
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
