package io.miville.agent.api;

/**
 * Who an agent is.
 *
 * @param name the agent's name (how it names itself)
 * @param sipAddress its SIP URI
 * @param autoAnswer whether it answers every call by itself
 */
public record AgentInfo(String name, String sipAddress, boolean autoAnswer) {}
