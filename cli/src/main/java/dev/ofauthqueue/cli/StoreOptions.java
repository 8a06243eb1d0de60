package dev.ofauthqueue.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where deletion jobs are kept: the commands that run or read jobs take these. */
final class StoreOptions {

    @Option(
            names = "--job-dir",
            paramLabel = "DIR",
            description = "Where deletion jobs are kept (default: ~/.ofauth-queue; the file jobs.db in it).")
    Path jobDir;

    @Option(
            names = "--redis-connect-timeout",
            paramLabel = "DURATION",
            converter = Durations.class,
            description = "How long to wait for the first connection to the Redis of --redis before failing with exit"
                    + " 4 (default: 10s; a cold start may take seconds).")
    Duration redisConnectTimeout;

    @Option(
            names = "--lease",
            paramLabel = "DURATION",
            converter = Durations.class,
            description = "With --redis: how long an item of a job stays this process's without renewal; a process"
                    + " that stops for longer loses it to the others and sends nothing more for it (default: 60s,"
                    + " from 1s to 1h).")
    Duration lease;

    @Option(
            names = "--allow-volatile-redis",
            description = "Keep jobs on a Redis that does not write them to disk (appendonly no): a restart of it"
                    + " forgets what was deleted. Refused without this flag.")
    boolean allowVolatileRedis;
}
