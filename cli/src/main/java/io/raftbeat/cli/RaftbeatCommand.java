package io.raftbeat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code raftbeat}: administration of the store members (members, leader, events, membership changes). */
@Command(name = "raftbeat", description = "Administer the Raftbeat store cluster (CIB_SERVER names its members).")
final class RaftbeatCommand implements Callable<Integer> {
    @Option(
            names = {"-?", "-h", "--help"},
            usageHelp = true,
            description = "Show this help")
    boolean help;

    static CommandLine commandLine(CliContext ctx) {
        CommandLine commandLine = new CommandLine(new RaftbeatCommand());
        commandLine.addSubcommand("members", new MembersCommand(ctx));
        commandLine.addSubcommand("leader", new LeaderCommand(ctx));
        commandLine.addSubcommand("events", new EventsCommand(ctx));
        commandLine.addSubcommand("transfer-leader", new TransferLeaderCommand(ctx));
        commandLine.addSubcommand("add-member", new AddMemberCommand(ctx));
        commandLine.addSubcommand("remove-member", new RemoveMemberCommand(ctx));
        return commandLine;
    }

    @Override
    public Integer call() throws CliFailure {
        throw CliFailure.usage("raftbeat: give a command: members, leader, events, transfer-leader, add-member"
                + " or remove-member (see --help)");
    }
}
