package dev.ofauthqueue.cli;

import picocli.CommandLine.Mixin;

/** The options of a command that reads a queue: the key, the target, the shared budget, the output. */
final class QueueOptions {

    @Mixin
    KeyOption key;

    @Mixin
    TargetOptions target;

    @Mixin
    RedisOption redis;

    @Mixin
    OutputOptions output;
}
