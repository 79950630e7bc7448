package io.miville.transaction;

import io.miville.codec.SipRequest;
import io.miville.transport.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A UAS core that records what the layer tells it; what it does with requests is up to the test. */
final class RecordingHandler implements RequestHandler {
  final List<ServerTransaction> requests = new ArrayList<>();
  final List<SipRequest> acks = new ArrayList<>();
  final List<ServerTransaction> cancelled = new ArrayList<>();
  final List<ServerTransaction> timeouts = new ArrayList<>();
  final List<ServerTransaction> transportErrors = new ArrayList<>();
  Consumer<ServerTransaction> onRequest = t -> {};

  @Override
  public void onRequest(ServerTransaction transaction) {
    requests.add(transaction);
    onRequest.accept(transaction);
  }

  @Override
  public void onAck(SipRequest ack, Flow flow) {
    acks.add(ack);
  }

  @Override
  public void onCancel(ServerTransaction invite, SipRequest cancel) {
    cancelled.add(invite);
    RequestHandler.super.onCancel(invite, cancel);
  }

  @Override
  public void onTimeout(ServerTransaction transaction) {
    timeouts.add(transaction);
  }

  @Override
  public void onTransportError(ServerTransaction transaction, Throwable cause) {
    transportErrors.add(transaction);
  }

  ServerTransaction last() {
    return requests.get(requests.size() - 1);
  }
}
