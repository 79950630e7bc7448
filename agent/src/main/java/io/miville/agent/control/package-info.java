/**
 * The agent's local control API: {@link io.miville.agent.control.ControlServer} serves an
 * {@link io.miville.agent.api.AgentControl} as HTTP/1.1 with JSON bodies (RFC 9110, RFC 8259)
 * and streams its {@link io.miville.agent.api.AgentEvent}s as server-sent events. The wire
 * format is documented in {@code docs/control-api.md}; the {@code miville} CLI verbs are its
 * clients.
 */
package io.miville.agent.control;
