package io.raftbeat.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of every command line tool: the first argument names the program ({@code cibadmin}, {@code raftbeat}),
 * as the scripts in {@code cli/bin} pass it, and the rest are that program's arguments. Usage errors print one line
 * and exit 64; a failed command prints one line and exits with its Pacemaker exit code.
 */
public final class Main {
    private static final List<String> PROGRAMS = List.of(
            "cibadmin",
            "crm_mon",
            "crm_resource",
            "crm_attribute",
            "crm_standby",
            "crm_failcount",
            "crm_simulate",
            "stonith_admin",
            "raftbeat");

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, CliContext.system());
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs one program to completion on the caller's thread and returns its exit code. */
    public static int run(String[] args, CliContext ctx) {
        if (args.length == 0) {
            ctx.err().println("raftbeat-cli: name the program to run first: " + String.join(", ", PROGRAMS));
            return CliFailure.USAGE;
        }
        String program = args[0].substring(args[0].lastIndexOf('/') + 1);
        CommandLine commandLine =
                switch (program) {
                    case "cibadmin" -> new CommandLine(new CibadminCommand(ctx));
                    case "raftbeat" -> RaftbeatCommand.commandLine(ctx);
                    case "crm_mon" -> new CommandLine(new CrmMonCommand(ctx));
                    case "crm_resource" -> new CommandLine(new CrmResourceCommand(ctx));
                    case "crm_attribute" -> new CommandLine(new CrmAttributeCommand(ctx));
                    case "crm_standby" -> new CommandLine(new CrmStandbyCommand(ctx));
                    case "crm_failcount" -> new CommandLine(new CrmFailcountCommand(ctx));
                    case "crm_simulate" -> new CommandLine(new CrmSimulateCommand(ctx));
                    case "stonith_admin" -> new CommandLine(new StonithAdminCommand(ctx));
                    default -> null;
                };
        if (commandLine == null) {
            String known = String.join(", ", PROGRAMS);
            ctx.err().println("raftbeat-cli: unknown program '" + program + "' (known: " + known + ")");
            return CliFailure.USAGE;
        }
        configure(commandLine, program, ctx);
        return commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
    }

    private static void configure(CommandLine commandLine, String program, CliContext ctx) {
        commandLine.setOut(new PrintWriter(ctx.out(), true));
        commandLine.setErr(new PrintWriter(ctx.err(), true));
        commandLine.setParameterExceptionHandler((ex, args) -> {
            ctx.err().println(program + ": " + ex.getMessage());
            return CliFailure.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof CliFailure failure) {
                ctx.err().println(failure.getMessage());
                return failure.exitCode();
            }
            ctx.err().println(program + ": internal error: " + ex);
            return 70; // CRM_EX_SOFTWARE
        });
    }
}
