package dev.ofauthqueue.adapter.vertx.archfixture;

import dev.ofauthqueue.ports.service.ScheduledQueueService;

/** Bad on purpose: an adapter driving the use cases it should only serve. */
public class AdapterCallingTheService {
    Object policy(ScheduledQueueService service) {
        return service.policy();
    }
}
