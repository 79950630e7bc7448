package io.miville.agent.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A session as shown to the user.
 *
 * @param id the session id
 * @param peer the other agent as this one names it (contact name, or its address)
 * @param role {@code offerer} (Alice, who called) or {@code answerer} (Bob)
 * @param state {@code calling}, {@code ringing}, {@code incoming}, {@code active}, {@code ending}, {@code ended}
 * @param profile the profile of the current offer
 * @param started when the session was created (UTC)
 * @param streams the media streams with their states
 * @param ending why it ended, if it did ({@code "refused: 486 Busy Here"}, {@code "hung up by peer"}, ...)
 */
public record SessionView(String id, String peer, String role, String state, String profile, Instant started,
    List<StreamView> streams, Optional<String> ending) {}
