package dev.ofauthqueue.cli;

import picocli.CommandLine.Mixin;

/** The options of a command about jobs already kept: the key, the job store, the output (a job keeps its target). */
final class StoredJobOptions {

    @Mixin
    KeyOption key;

    @Mixin
    RedisOption redis;

    @Mixin
    StoreOptions store;

    @Mixin
    OutputOptions output;
}
