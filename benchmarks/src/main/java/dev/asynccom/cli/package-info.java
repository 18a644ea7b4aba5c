/**
 * Every command of {@code benchmarks.jar} ({@link dev.asynccom.cli.Main}): client, server, worker, generate,
 * keygen, capacity, remote-workers, curve-cost, compare, report, and the harness when no command is named. One
 * exit-code table ({@link dev.asynccom.cli.ExitCodes}) and one error path ({@link dev.asynccom.cli.CliErrors}) for
 * all of them. Each command states which thread owns what.
 */
package dev.asynccom.cli;
