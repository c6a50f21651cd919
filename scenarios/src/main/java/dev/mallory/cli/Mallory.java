package dev.mallory.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mallory} command. Exit codes are the contract with CI: 0 when every verdict is as
 * expected, 1 when an attack got through or an expectation broke, 2 on a harness error.
 */
@Command(
    name = "mallory",
    mixinStandardHelpOptions = true,
    version = "mallory 0.1.0",
    description = "Attack harness for TUF and Notary update systems.",
    subcommands = {
      // Each subcommand lives in its own file in this package.
      ClientCommand.class,
      ListCommand.class,
      RunCommand.class,
      ServeCommand.class,
      ProxyCommand.class,
    })
public final class Mallory implements Runnable {
  public static final int OK = 0;
  public static final int ATTACK_SUCCEEDED = 1;
  public static final int HARNESS_ERROR = 2;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return execute(CommandLine.defaultFactory(), null, null, args);
  }

  /** As {@link #execute(String...)}, with its own factory and output (the client server's calls). */
  static int execute(CommandLine.IFactory factory, java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Mallory(), factory);
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("mallory: harness error: " + e);
          return HARNESS_ERROR;
        });
    return cli.execute(args);
  }
}
