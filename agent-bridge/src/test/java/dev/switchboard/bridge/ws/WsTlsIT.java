package dev.switchboard.bridge.ws;

import static dev.switchboard.bridge.ws.WsTestPeer.accept;
import static dev.switchboard.bridge.ws.WsTestPeer.await;
import static dev.switchboard.bridge.ws.WsTestPeer.clientFrame;
import static dev.switchboard.bridge.ws.WsTestPeer.readRequest;
import static dev.switchboard.bridge.ws.WsTestPeer.serverFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} over the NIO loop against a local TLS peer whose self-signed certificates are made
 * by the JDK's {@code keytool}: records cut anywhere, frames right after the upgrade answer, the
 * close handshake with close_notify, and a certificate for another host refused.
 */
class WsTlsIT {

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;

  private static KeyStore matching;
  private static KeyStore otherHost;

  @BeforeAll
  static void makeCertificates() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(Files.isExecutable(keytool), "keytool not found at " + keytool);
    matching = keyStore(keytool, "ip:127.0.0.1");
    otherHost = keyStore(keytool, "dns:elsewhere.example");
  }

  private static KeyStore keyStore(Path keytool, String san) throws Exception {
    Path file = dir.resolve(san.replace(':', '-') + ".p12");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=switchboard test",
                "-ext",
                "SAN=" + san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool: %s", output).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  private static SSLServerSocket tlsServer(KeyStore ks) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getLoopbackAddress());
    server.setSoTimeout(5000);
    return server;
  }

  /** A client context trusting exactly the certificate in {@code ks}. */
  private static SSLContext trusting(KeyStore ks) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", ks.getCertificate("server"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  @Test
  void framesSplitAcrossRecordsBigMessagesAndTheCloseHandshake() throws Exception {
    try (SSLServerSocket server = tlsServer(matching)) {
      String big = "B".repeat(40_000); // spans three 16 KiB records each way
      CompletableFuture<String> peer =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                  s.setSoTimeout(5000);
                  InputStream in = s.getInputStream();
                  OutputStream out = s.getOutputStream();
                  String accept = accept(readRequest(in));
                  // The answer and a first frame in one record: the frame must not be lost.
                  ByteArrayOutputStream first = new ByteArrayOutputStream();
                  first.writeBytes(
                      ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                              + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                              + accept
                              + "\r\n\r\n")
                          .getBytes(StandardCharsets.ISO_8859_1));
                  first.writeBytes(serverFrame(0x81, "first".getBytes()));
                  out.write(first.toByteArray());
                  // One frame in three records: each write is its own record.
                  byte[] split = serverFrame(0x81, "split-across-records".getBytes());
                  out.write(split, 0, 1);
                  out.write(split, 1, 6);
                  out.write(split, 7, split.length - 7);
                  out.write(serverFrame(0x81, big.getBytes()));
                  DataInputStream din = new DataInputStream(in);
                  byte[] echoed = (byte[]) clientFrame(din)[1];
                  out.write(serverFrame(0x88, new byte[] {0x03, (byte) 0xE8}));
                  Object[] close = clientFrame(din);
                  int eof = in.read(); // the client's close_notify ends the stream
                  return new String(echoed, StandardCharsets.UTF_8).length()
                      + ":"
                      + close[0]
                      + ":"
                      + eof;
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      RecordingListener rec = new RecordingListener();
      URI uri = URI.create("wss://127.0.0.1:" + server.getLocalPort() + "/v1/realtime");
      WebSocket ws =
          WsClient.connect(uri, Map.of(), Duration.ofSeconds(5), rec, trusting(matching), null)
              .get(5, TimeUnit.SECONDS);
      await("three messages", () -> rec.events.size() >= 4);
      assertThat(ws.sendText("E".repeat(50_000), true)).isCompleted();
      assertThat(peer.get(10, TimeUnit.SECONDS)).isEqualTo("50000:8:-1");
      await("close", () -> rec.events.size() >= 5);
      assertThat(rec.events)
          .containsExactly(
              "open",
              "text:first",
              "text:split-across-records",
              "text:" + "B".repeat(40_000),
              "close:1000:");
      assertThat(ws.isOutputClosed()).isTrue();
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefused() throws Exception {
    // Trusted, but issued for elsewhere.example: host name verification must refuse it.
    assertHandshakeRefused(otherHost, trusting(otherHost));
  }

  @Test
  void anUntrustedCertificateIsRefusedByTheDefaultContext() throws Exception {
    assertHandshakeRefused(matching, null);
  }

  /** The server presents {@code certificate}; connecting with {@code context} must fail. */
  private void assertHandshakeRefused(KeyStore certificate, SSLContext context) throws Exception {
    try (SSLServerSocket server = tlsServer(certificate)) {
      CompletableFuture.runAsync(
          () -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
              s.setSoTimeout(5000);
              s.startHandshake();
            } catch (IOException expected) {
              // the client aborts the handshake
            }
          });
      URI uri = URI.create("wss://127.0.0.1:" + server.getLocalPort() + "/v1/realtime");
      assertThatThrownBy(
              () ->
                  WsClient.connect(
                          uri,
                          Map.of(),
                          Duration.ofSeconds(5),
                          new RecordingListener(),
                          context,
                          null)
                      .get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SSLHandshakeException.class);
    }
  }
}
