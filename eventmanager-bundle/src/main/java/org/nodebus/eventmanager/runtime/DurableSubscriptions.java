package org.nodebus.eventmanager.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.nodebus.api.DurableInfo;
import org.nodebus.api.Event;
import org.nodebus.api.EventManager;
import org.nodebus.api.NodeModule;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.config.EventManagerConfig;
import org.nodebus.eventmanager.delivery.DeliveryCore;
import org.nodebus.eventmanager.filter.PayloadFilter;
import org.nodebus.eventmanager.journal.EventCodec.Stored;
import org.nodebus.eventmanager.journal.Journal;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of durable subscriptions: where the journal lives ({@code <data folder>/org.nodebus.eventmanager/journal},
 * or the bundle's own storage when the node names no data folder), opening it at start when an earlier run
 * made one and at the first durable subscription otherwise, its retention from the configuration, and
 * reading a module's journaled events. Nothing is written while no durable subscription was ever made.
 */
final class DurableSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(DurableSubscriptions.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path dir;
    private final DeliveryCore core;
    private volatile EventManagerConfig config;

    DurableSubscriptions(BundleContext context, DeliveryCore core, EventManagerConfig config) {
        this.core = core;
        this.config = config;
        String data = context.getProperty(NodeModule.DATA_DIR_PROPERTY);
        File base = data == null ? context.getDataFile("journal") : new File(data, context.getBundle()
                .getSymbolicName() + File.separator + "journal");
        this.dir = base == null ? null : base.toPath();
    }

    /** At start: an earlier run's journal is opened before anything is published, so numbers go on. */
    void openIfPresent() {
        if (dir != null && Journal.exists(dir)) {
            try {
                open();
            } catch (IllegalStateException e) {
                LOG.error("{}; durable subscriptions are refused until it can be opened", e.getMessage());
            }
        }
    }

    private synchronized Journal open() {
        Optional<Journal> open = core.journal();
        if (open.isPresent()) {
            return open.get();
        }
        if (dir == null) {
            throw new IllegalStateException("The node has no storage for the journal of durable subscriptions "
                    + "(the framework gives the EventManager no data area); set " + NodeModule.DATA_DIR_PROPERTY);
        }
        try {
            long started = System.nanoTime();
            Journal journal = Journal.open(dir, retention(config), config.journal_queue_size());
            core.setJournal(journal);
            LOG.info("Journal {} opened in {} ms: {} events kept, {} durable subscriptions, sequence numbers go on "
                    + "from {}", journal.file(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    journal.retainedEvents(), journal.durables().size(), journal.restoredSequence());
            return journal;
        } catch (IOException e) {
            throw new IllegalStateException("The journal of durable subscriptions cannot be opened in " + dir + ": "
                    + e.getMessage() + "; check the folder and the free disk space", e);
        }
    }

    private static Journal.Retention retention(EventManagerConfig c) {
        return new Journal.Retention(c.journal_retention_mb() * 1024 * 1024,
                TimeUnit.HOURS.toMillis(c.journal_retention_hours()));
    }

    void configure(EventManagerConfig c) {
        this.config = c;
        core.journal().ifPresent(j -> j.setRetention(retention(c)));
    }

    /**
     * The journal for a module's durable subscription of that name, opened if need be.
     *
     * @throws IllegalArgumentException if the name is not valid
     * @throws IllegalStateException if the journal cannot be opened
     */
    Journal journalFor(String moduleId, String name) {
        checkName(moduleId, name);
        return open();
    }

    static void checkName(String moduleId, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Module " + moduleId + ": '" + name + "' is no durable subscription "
                    + "name; use 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    /** A module's journaled events of one durable subscription, from a sequence number on, a page at most. */
    List<Event> replay(String moduleId, String name, long fromSequence) {
        checkName(moduleId, name);
        Journal journal = core.journal().orElse(null);
        Journal.Durable durable = journal == null ? null : journal.durable(moduleId, name).orElse(null);
        if (durable == null) {
            throw new IllegalArgumentException("Module " + moduleId + " has no durable subscription '" + name + "'"
                    + (journal == null ? "" : "; it has " + journal.durables().stream()
                            .filter(d -> d.moduleId().equals(moduleId)).map(Journal.Durable::name).toList()));
        }
        PayloadFilter filter = durable.filter().map(f -> PayloadFilter.parse(f, durable.types())).orElse(null);
        List<Event> out = new ArrayList<>();
        long position = Math.max(0, fromSequence - 1);
        while (out.size() < EventManager.REPLAY_PAGE) {
            Optional<Journal.Batch> batch = journal.batchAfter(position);
            if (batch.isEmpty()) {
                break;
            }
            for (Stored s : batch.get().events()) {
                if (s.sequence() > position && out.size() < EventManager.REPLAY_PAGE
                        && durable.types().contains(s.payload().type())
                        && (filter == null || filter.matches(s.payload()))) {
                    out.add(s.envelope(false, 0, true));
                }
            }
            position = batch.get().lastSeq();
        }
        return List.copyOf(out);
    }

    boolean delete(String moduleId, String name) {
        checkName(moduleId, name);
        core.unsubscribeDurable(moduleId, name); // an active listener stops first, whoever subscribed it
        return core.journal().map(j -> j.unregister(moduleId, name)).orElse(false);
    }

    List<DurableInfo> list() {
        return core.durables();
    }

    /** The journal's state for the operator, or a line saying there is none. */
    String describe() {
        Optional<Journal> journal = core.journal();
        if (journal.isEmpty()) {
            return "No journal: no durable subscription was made on this node" + (dir == null ? "." : " (it would be "
                    + dir.resolve("journal.mv.db") + ").");
        }
        Journal j = journal.get();
        Journal.Retention r = j.retention();
        return "Journal " + j.file() + ": " + j.retainedEvents() + " events, " + (j.retainedBytes() / 1024) + " KiB kept"
                + " (retention " + (r.maxBytes() / (1024 * 1024)) + " MB, " + TimeUnit.MILLISECONDS.toHours(r.maxAgeMillis())
                + " h); " + j.lost() + " events lost" + j.failure().map(f -> "; FAILING: " + f).orElse("")
                + "; types journaled: " + java.util.Arrays.stream(EventType.values()).filter(j::journals)
                        .map(EventType::eventName).toList();
    }
}
