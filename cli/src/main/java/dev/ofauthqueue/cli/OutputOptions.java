package dev.ofauthqueue.cli;

import picocli.CommandLine.Option;

/** {@code --json} and {@code --debug}: every command takes them. */
final class OutputOptions {

    @Option(names = "--json", description = "Standard output carries only JSON lines, each with a \"type\".")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces and the client's request log.")
    boolean debug;
}
