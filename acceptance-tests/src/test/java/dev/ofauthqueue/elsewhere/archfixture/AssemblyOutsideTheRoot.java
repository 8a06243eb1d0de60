package dev.ofauthqueue.elsewhere.archfixture;

import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import dev.ofauthqueue.ports.service.ScheduledQueueService;

/** Bad on purpose: the service joined to the Vert.x adapter outside the composition root. */
public class AssemblyOutsideTheRoot {
    ScheduledQueueService assemble(VertxOfAuthClient client) {
        return ScheduledQueueService.builder(client).build();
    }
}
