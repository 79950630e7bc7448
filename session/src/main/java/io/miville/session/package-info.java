/**
 * SIP dialogs and offer/answer sessions on the transaction layer (RFC 3261 §12–§15, RFC 3264,
 * RFC 6337, RFC 6086 INFO): {@link io.miville.session.SessionManager} places and takes calls,
 * each an {@link io.miville.session.InviteSession} whose events reach a
 * {@link io.miville.session.SessionListener} on the lane of its Call-ID. See docs/sessions.md.
 */
package io.miville.session;
