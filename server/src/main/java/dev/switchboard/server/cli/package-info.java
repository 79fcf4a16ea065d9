/** Subcommands of the {@code switchboard} command line (picocli). */
package dev.switchboard.server.cli;
