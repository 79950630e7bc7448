package io.miville.pis.controller;

import io.miville.codec.SipResponse;

/**
 * Where the controller sends its answers to one request: any number of provisional responses
 * (1xx, e.g. {@code 110 Queued}, {@code 160 Swirling}) and then exactly one final response,
 * possibly much later (a queued SEEK). The SIP front end implements it over a server
 * transaction; tests implement it by collecting. Any thread may call it.
 */
public interface Responder {

  /**
   * A response to the request with the status line and the headers that must echo the
   * request (Via, From, To with the server's tag, Call-ID, CSeq), ready for more headers.
   */
  SipResponse.Builder response(int status);

  /** Sends {@code response}; after a final one, the request is answered and further calls are ignored. */
  void send(SipResponse response);
}
