package dev.ofauthqueue.ports.archfixture;

/** Bad on purpose: a port leaking a Jackson type. */
public interface PortsUsingJackson {
    com.fasterxml.jackson.databind.JsonNode raw();
}
