package io.miville.transport;

import static io.miville.transport.TestSupport.LOOPBACK_ANY_PORT;
import static io.miville.transport.TestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.netty.channel.epoll.Epoll;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The other tests use epoll where Linux has it; this one proves the Java NIO path works too. */
class NioTransportTest {

  @Test
  void epollIsUsedWhereLinuxHasIt() {
    try (SipTransportLayer layer = TestSupport.layer(in -> {}).listen(Transport.UDP, LOOPBACK_ANY_PORT).build().start()) {
      assertThat(layer.usesNativeTransport()).isEqualTo(Epoll.isAvailable());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"UDP", "TCP", "WS"})
  void roundTripOnJavaNio(Transport transport) throws Exception {
    TestSupport.Inbox clientInbox = new TestSupport.Inbox();
    SipTransportLayer[] server = new SipTransportLayer[1];
    server[0] = TestSupport.layer(in -> server[0].send(SipResponse.forRequest((SipRequest) in.message(), 200).build(),
            in.flow()))
        .nativeTransport(false)
        .listen(transport, LOOPBACK_ANY_PORT)
        .build()
        .start();
    try (SipTransportLayer s = server[0];
        SipTransportLayer client = TestSupport.layer(clientInbox).nativeTransport(false)
            .listen(Transport.UDP, LOOPBACK_ANY_PORT).build().start()) {
      assertThat(s.usesNativeTransport()).isFalse();
      int clientPort = client.listenPoint(Transport.UDP).orElseThrow().address().getPort();
      client.send(options(transport.viaName(), "127.0.0.1", clientPort, "nio@x"), transport,
          s.listenPoint(transport).orElseThrow().address()).toCompletableFuture().get(5, TimeUnit.SECONDS);
      SipResponse answer = (SipResponse) clientInbox.take().message();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(clientInbox.isEmpty()).isTrue();
    }
  }
}
