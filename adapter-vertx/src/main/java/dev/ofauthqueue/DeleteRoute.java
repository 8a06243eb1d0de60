package dev.ofauthqueue;

/** Which OFAuth route deletes a mass message. *
 * <pre>{@code
 * OfAuthClientOptions options = OfAuthClientOptions.builder(new ApiKey("demo-api-key"))
 *         .deleteRoute(DeleteRoute.SCHEDULED) // DELETE /v2/access/mass-messages/scheduled/{id}
 *         .build();
 * }</pre>
 */
public enum DeleteRoute {
    /** {@code DELETE /v2/access/mass-messages/scheduled/{id}}: the documented "Delete scheduled mass message" (default). */
    SCHEDULED("/v2/access/mass-messages/scheduled/{id}"),
    /** {@code DELETE /v2/access/mass-messages/{id}}: the route OFAuth's SDKs call. */
    GENERIC("/v2/access/mass-messages/{id}");

    private final String template;

    DeleteRoute(String template) {
        this.template = template;
    }

    /**
     * The path template, as logged.
     *
     * @return for example {@code /v2/access/mass-messages/scheduled/{id}}
     */
    public String template() {
        return template;
    }

    /**
     * The path for one message.
     *
     * @param id the message's id
     * @return the template with {@code id} in it
     */
    public String path(long id) {
        return template.replace("{id}", Long.toString(id));
    }
}
