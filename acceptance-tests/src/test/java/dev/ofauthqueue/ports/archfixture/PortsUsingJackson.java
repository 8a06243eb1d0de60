package dev.ofauthqueue.ports.archfixture;

import com.fasterxml.jackson.databind.JsonNode;

/** Bad on purpose: a port leaking a Jackson type. */
public interface PortsUsingJackson {
    JsonNode raw();
}
