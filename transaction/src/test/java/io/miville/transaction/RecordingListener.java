package io.miville.transaction;

import io.miville.codec.SipResponse;
import java.util.ArrayList;
import java.util.List;

/** A client TU that records every callback. */
final class RecordingListener implements ResponseListener {
  final List<SipResponse> provisional = new ArrayList<>();
  final List<SipResponse> finals = new ArrayList<>();
  final List<SipResponse> additional = new ArrayList<>();
  final List<SipResponse> timeouts = new ArrayList<>();
  final List<SipResponse> transportErrors = new ArrayList<>();

  @Override
  public void onProvisional(ClientTransaction transaction, SipResponse response) {
    provisional.add(response);
  }

  @Override
  public void onFinal(ClientTransaction transaction, SipResponse response) {
    finals.add(response);
  }

  @Override
  public void onAdditionalSuccess(ClientTransaction transaction, SipResponse response) {
    additional.add(response);
  }

  @Override
  public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
    timeouts.add(timeout);
  }

  @Override
  public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
    transportErrors.add(unavailable);
  }
}
