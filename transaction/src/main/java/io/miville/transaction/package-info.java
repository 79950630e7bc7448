/**
 * The SIP transaction layer (RFC 3261 §17, updated by RFC 6026): client and server
 * transactions, their timers, matching, CANCEL and merged-request handling, and overload control.
 *
 * <p>Start with {@link io.miville.transaction.TransactionLayer}: a UAS registers a
 * {@link io.miville.transaction.RequestHandler} and answers each
 * {@link io.miville.transaction.ServerTransaction}; a UAC calls
 * {@link io.miville.transaction.TransactionLayer#sendRequest} and gets a
 * {@link io.miville.transaction.ClientTransaction}. Threading and overload rules are in
 * docs/concurrency.md.
 */
package io.miville.transaction;
