package org.nodebus.eventmanager.shell;

import java.util.List;
import java.util.function.Supplier;

import org.apache.felix.service.command.Descriptor;
import org.nodebus.api.DurableInfo;
import org.nodebus.api.event.EventType;

/** {@code nodebus:durable}: the durable subscriptions with their position, lag and losses, and the journal. */
public final class DurableCommand {
    /** The command names. */
    public static final String[] FUNCTIONS = {"durable"};

    private final Supplier<List<DurableInfo>> durables;
    private final Supplier<String> journal;

    /**
     * @param durables the durable subscriptions now
     * @param journal one line on the journal: file, size, retention, losses, failure
     */
    public DurableCommand(Supplier<List<DurableInfo>> durables, Supplier<String> journal) {
        this.durables = durables;
        this.journal = journal;
    }

    @Descriptor("durable subscriptions (position, lag, delivered, lost) and the journal's size, retention and state")
    public String durable() {
        List<DurableInfo> all = durables.get();
        if (all.isEmpty()) {
            return journal.get() + System.lineSeparator() + "No durable subscription.";
        }
        TextTable table = new TextTable("MODULE", "NAME", "ACTIVE", "POSITION", "LAG", "DELIVERED", "LOST", "TYPES",
                "FILTER");
        for (DurableInfo d : all) {
            table.row(d.moduleId(), d.name(), d.active() ? "yes" : "no", d.position(), d.lag(), d.delivered(), d.lost(),
                    String.join(",", d.types().stream().sorted().map(EventType::eventName).toList()),
                    d.filter().orElse("-"));
        }
        return journal.get() + System.lineSeparator() + table;
    }
}
