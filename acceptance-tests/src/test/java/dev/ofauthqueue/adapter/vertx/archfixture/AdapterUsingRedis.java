package dev.ofauthqueue.adapter.vertx.archfixture;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** Bad on purpose: the HTTP adapter keeping state in Redis itself, beside the Redis adapter. */
public class AdapterUsingRedis {
    Future<Response> count(Redis redis) {
        return redis.send(Request.cmd(Command.INCR).arg("requests"));
    }
}
