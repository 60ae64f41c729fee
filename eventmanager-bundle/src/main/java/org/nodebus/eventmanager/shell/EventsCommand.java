package org.nodebus.eventmanager.shell;

import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nodebus.api.Event;
import org.nodebus.eventmanager.history.EventFilter;
import org.nodebus.eventmanager.history.EventHistory;
import org.nodebus.eventmanager.history.EventLine;
import org.nodebus.internal.shell.CommandRefused;

/**
 * {@code nodebus:events}: the last events from the history, and with {@code --follow} the new ones as
 * they come until Ctrl-C, like Karaf's {@code event:display} and {@code event:tail}.
 */
public final class EventsCommand {
    /** The command names. */
    public static final String[] FUNCTIONS = {"events"};
    static final int DEFAULT_COUNT = 20;
    /** The session variable that holds the JLine console's terminal (a {@link Flushable}). */
    static final String TERMINAL = ".terminal";

    private final Supplier<Optional<EventHistory>> history;

    public EventsCommand(Supplier<Optional<EventHistory>> history) {
        this.history = history;
    }

    @Descriptor("the last events the node published; with -f also the new ones as they come, until Ctrl-C")
    public String events(CommandSession session,
            @Descriptor("go on with new events until Ctrl-C")
            @Parameter(names = {"-f", "--follow"}, presentValue = "true", absentValue = "false") boolean follow,
            @Descriptor("how many of the last events to show (default 20)")
            @Parameter(names = {"-n", "--count"}, absentValue = "20") String count,
            @Descriptor("only events this module (or node) published")
            @Parameter(names = {"-m", "--module"}, absentValue = "") String module,
            @Descriptor("event types (NewBlock) or categories (CORE, NETWORK, GOVERNANCE, MODULE, NODE, MAINTENANCE, "
                    + "RESOURCE); none: all") String... types) throws InterruptedException {
        EventHistory events = history.get().orElseThrow(() -> new CommandRefused(
                "The event history is off (history.size = 0 in PID org.nodebus.eventmanager); set it to e.g. 1000"));
        int n = count(count, events.capacity());
        EventFilter filter = CommandRefused.refusing(() -> EventFilter.of(List.of(types), module));
        EventHistory.Slice read = events.last(n, filter);
        List<Event> last = read.events();
        if (!follow) {
            return last.isEmpty() ? "No " + describe(filter) + " in the last " + events.capacity() + " events."
                    : last.stream().map(EventLine::of).collect(Collectors.joining("\n"));
        }
        PrintStream out = System.out;
        last.forEach(e -> out.println(EventLine.of(e)));
        out.println("-- following " + describe(filter) + "; Ctrl-C stops --");
        // the JLine console writes through a buffered terminal that only the shell flushes, after a command
        Flushable terminal = session.get(TERMINAL) instanceof Flushable flushable ? flushable : () -> { };
        flush(out, terminal);
        follow(history, events, filter, read.end(), out, terminal, session.getKeyboard());
        return null;
    }

    /**
     * Prints new events that pass until the thread is interrupted (a JLine console interrupts the command
     * on Ctrl-C) or, in a shell whose keyboard tells what is typed (Gogo's plain shell, which takes Ctrl-C for
     * the node), a line is typed.
     */
    static void follow(Supplier<Optional<EventHistory>> history, EventHistory first, EventFilter filter, long from,
            PrintStream out, Flushable terminal, InputStream in) {
        EventHistory events = first;
        long position = from;
        // the sequence number of the last event shown, or passed over: the newest before the follow began
        long printed = from == 0 ? Long.MIN_VALUE
                : first.since(from - 1).events().stream().mapToLong(Event::sequence).min().orElse(Long.MIN_VALUE);
        List<Event> batch = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted() && !typed(in)) {
                batch.clear();
                // a change of history.size replaces the history (its newest events copied): go on in the new
                // one after the last event shown, which may have come in before this noticed the change
                Optional<EventHistory> current = history.get();
                if (current.isEmpty()) {
                    out.println("-- the event history was turned off (history.size = 0); nothing more to follow --");
                    flush(out, terminal);
                    break;
                }
                if (current.get() != events) {
                    events = current.get();
                    EventHistory.Slice all = events.last(events.capacity(), e -> true);
                    batch.addAll(all.events());
                    position = all.end();
                } else {
                    position = events.awaitAfter(position, 500, batch);
                }
                for (Event event : batch) {
                    if (event.sequence() > printed && filter.test(event)) {
                        out.println(EventLine.of(event));
                    }
                    printed = Math.max(printed, event.sequence());
                }
                flush(out, terminal);
            }
        } catch (InterruptedException stopped) {
            // Ctrl-C: the interrupt asked for the end of the follow, which this is; the command ends normally
        }
        Thread.interrupted();
    }

    private static void flush(PrintStream out, Flushable terminal) {
        out.flush();
        try {
            terminal.flush();
        } catch (IOException | RuntimeException e) {
            // a terminal that is gone: the follower ends with the session
        }
    }

    /** Whether the operator typed something, which is consumed; a closed or odd input never stops it. */
    private static boolean typed(InputStream in) {
        try {
            if (in != null && in.available() > 0) {
                while (in.available() > 0 && in.read() != '\n') {
                    // the line that stops the follower is not a command
                }
                return true;
            }
        } catch (IOException e) {
            // an input that cannot tell: only an interrupt stops the follower
        }
        return false;
    }

    private static int count(String text, int capacity) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > capacity) {
            throw new CommandRefused("-n " + text + " refused: give a count from 1 to " + capacity
                    + " (the history's size, history.size)");
        }
        return n;
    }

    private static String describe(EventFilter filter) {
        String types = filter.types().size() == org.nodebus.api.event.EventType.values().length ? "events"
                : filter.types().stream().map(t -> t.eventName()).sorted().collect(Collectors.joining("/")) + " events";
        return filter.publisher().isEmpty() ? types : types + " from " + filter.publisher();
    }
}
