package org.nodebus.eventmanager.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.nodebus.api.Event;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.journal.EventCodec.Stored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of durable subscriptions: the events of their types, on disk in an H2 MVStore, with each
 * subscription's position beside it. Publishers hand events over through a {@link JournalRing} and never
 * wait; the {@code nodebus-journal} thread writes them in batches (one MVStore entry and one commit per
 * batch), then tells its listener, which wakes the durable subscribers: they read only committed batches,
 * so what a subscriber got survives the process being killed.
 *
 * <p>If the disk fails (full, read-only, gone), the writer closes the store, counts what it cannot write
 * as lost for its types, says so in the log and in {@link #failure()}, and tries to open the store again
 * every second; the first batch after that tells the subscribers how many events they lost.
 *
 * <p>Threads: the publish lock's holder offers and marks the sequence; the writer alone writes batches
 * and trims; durable subscribers' executors read batches and their own position files; registrations come
 * from subscribing threads (each under this object's monitor, a leaf: nothing is called under it).
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    static final String FILE = "journal.mv.db";
    private static final int MAX_BATCH = 16_384;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Committed events kept in memory for subscribers that are caught up (older ones are read from the file). */
    private static final int TAIL_EVENTS = 16_384;
    /** MVStore's page cache, in MB: the journal reads mostly its tail, which it keeps itself. */
    private static final int CACHE_MB = 4;
    private static final int RETENTION_MS = 1_000;
    /** info entries: last sequence, bytes, first publish millis, event count, then cumulative counts, then lost counts */
    private static final int INFO_FIXED = 4;

    /**
     * How much the journal keeps.
     *
     * @param maxBytes batches are dropped, oldest first, beyond this many bytes of events
     * @param maxAgeMillis and once they are older than this
     */
    public record Retention(long maxBytes, long maxAgeMillis) {
    }

    /** A durable subscription as the journal keeps it. */
    public record Durable(String moduleId, String name, Set<EventType> types, Optional<String> filter) {
        public Durable {
            types = Set.copyOf(types);
        }

        String key() {
            return moduleId + "/" + name;
        }
    }

    /**
     * Committed events read in one go.
     *
     * @param firstSeq the first sequence number the batch covers
     * @param lastSeq the last
     * @param events its events, in sequence order
     * @param lostBefore events lost, by type ordinal, just before this batch (a full ring or a failing disk)
     */
    public record Batch(long firstSeq, long lastSeq, List<Stored> events, long[] lostBefore) {
    }

    private final Path dir;
    private final LongSupplier clock;
    private volatile Retention retention;
    private final JournalRing ring;
    private final MappedLongs sequenceMark;
    private final long restoredSequence;
    private final Map<String, MappedLongs> positions = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Batch> tail = new ConcurrentSkipListMap<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean sleeping;
    private volatile Runnable onCommit = () -> { };

    // guarded by this (registrations) and read without it (a volatile array, replaced)
    private final Map<String, Durable> durables = new ConcurrentHashMap<>();
    private volatile boolean[] journaled = new boolean[EventType.values().length];

    // the writer's, read by others through volatile fields
    private volatile MVStore store;
    private MVMap<Long, byte[]> events;
    private MVMap<Long, long[]> info;
    private MVMap<String, String> meta;
    private MVMap<String, String> subscriptions;
    private TypeColumns columns;
    private volatile long committed;
    private volatile long[] cumulative = new long[EventType.values().length];
    private volatile long[] trimmedCumulative = new long[EventType.values().length];
    private volatile long trimmedUpTo;
    private volatile long retainedBytes;
    private volatile long retainedEvents;
    private volatile String failure;
    private long[] lostWritten = new long[EventType.values().length];
    private final long[] lostUnwritten = new long[EventType.values().length];
    private volatile long lostTotal;
    private long nextHousekeeping;
    /** Events in the tail cache; the writer's. */
    private long tailEvents;
    private long nextFailureLine;

    private Journal(Path dir, Retention retention, int ringSize, LongSupplier clock) throws IOException {
        this.dir = dir;
        this.clock = clock;
        this.retention = retention;
        this.ring = new JournalRing(ringSize);
        Files.createDirectories(dir.resolve("positions"));
        openStore();
        for (Map.Entry<String, String> e : subscriptions.entrySet()) {
            Durable d = parse(e.getKey(), e.getValue());
            durables.put(d.key(), d);
        }
        updateJournaledTypes();
        this.sequenceMark = new MappedLongs(dir.resolve("sequence.mark"), 1);
        this.restoredSequence = Math.max(sequenceMark.read()[0], committed);
        this.writer = new Thread(this::writeLoop, "nodebus-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens the journal in a folder, making it if need be, and recovers what a killed process left: the
     * last committed batch, the subscriptions and the sequence number reached.
     *
     * @throws IOException if the folder or the store cannot be opened
     */
    public static Journal open(Path dir, Retention retention, int ringSize) throws IOException {
        return new Journal(dir, retention, ringSize, System::currentTimeMillis);
    }

    /** Whether a folder holds a journal (a durable subscription was made there once). */
    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    private void openStore() throws IOException {
        MVStore s;
        try {
            s = new MVStore.Builder().fileName(dir.resolve(FILE).toString()).autoCommitDisabled().cacheSize(CACHE_MB).open();
        } catch (RuntimeException e) {
            throw new IOException("cannot open the journal " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        // a killed process, not a power cut, is what the journal promises to survive: freed chunks may be
        // reused after a second instead of 45 s, so the file stays near the size of the events it keeps
        s.setRetentionTime(RETENTION_MS);
        events = s.openMap("events");
        info = s.openMap("info");
        meta = s.openMap("meta");
        subscriptions = s.openMap("subscriptions");
        columns = new TypeColumns(meta.getOrDefault("types", ""));
        trimmedUpTo = Long.parseLong(meta.getOrDefault("trimmedUpTo", "0"));
        trimmedCumulative = columns.fromColumns(parseLongs(meta.getOrDefault("trimmedCumulative", "")), 0,
                parseLongs(meta.getOrDefault("trimmedCumulative", "")).length);
        Long last = info.isEmpty() ? null : info.lastKey();
        if (last != null) {
            long[] lastInfo = info.get(last);
            int width = (lastInfo.length - INFO_FIXED) / 2;
            committed = lastInfo[0];
            cumulative = columns.fromColumns(lastInfo, INFO_FIXED, width);
        } else {
            committed = Math.max(trimmedUpTo, Long.parseLong(meta.getOrDefault("lastSequence", "0")));
            cumulative = trimmedCumulative.clone();
        }
        long bytes = 0;
        long count = 0;
        for (long[] i : info.values()) {
            bytes += i[1];
            count += i[3];
        }
        retainedBytes = bytes;
        retainedEvents = count;
        store = s;
    }

    private static long[] parseLongs(String text) {
        return text.isEmpty() ? new long[0] : Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
    }

    private static String joinLongs(long[] values) {
        return String.join(",", Arrays.stream(values).mapToObj(Long::toString).toList());
    }

    // ---- publishers (under the publish lock) ------------------------------------------------------

    /** Whether events of a type are journaled: some durable subscription, active or not, wants it. */
    public boolean journals(EventType type) {
        return journaled[type.ordinal()];
    }

    /** Hands an event to the writer; never waits. @return false if it was lost for a full ring */
    public boolean offer(Supplier<Event> event, EventType type) {
        boolean taken = ring.offer(event, type);
        if (taken && sleeping) {
            LockSupport.unpark(writer);
        }
        return taken;
    }

    /** Keeps the sequence number reached, so numbers go on increasing after a restart: one store. */
    public void markSequence(long sequence) {
        sequenceMark.write(sequence);
    }

    /** The sequence number reached before this process: the next event must be numbered above it. */
    public long restoredSequence() {
        return restoredSequence;
    }

    // ---- the writer -----------------------------------------------------------------------------

    /** Told (on the writer's thread, holding nothing) after each batch is committed. */
    public void setCommitListener(Runnable listener) {
        this.onCommit = listener;
    }

    private void writeLoop() {
        List<Event> batch = new ArrayList<>(1024);
        nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
        while (!closed) {
            try {
                batch.clear();
                ring.drain(batch, MAX_BATCH);
                if (!batch.isEmpty()) {
                    write(batch);
                } else {
                    sleeping = true;
                    if (ring.isEmpty() && !closed) {
                        LockSupport.parkNanos(IDLE_PARK_NANOS);
                    }
                    sleeping = false;
                }
                if (System.nanoTime() - nextHousekeeping >= 0) {
                    nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
                    housekeeping();
                }
            } catch (Throwable e) {
                // a defect of ours: the writer must go on, the events of the batch are counted as lost
                countLost(batch);
                LOG.error("The journal writer failed on a batch of {} events; they count as lost", batch.size(), e);
            }
        }
    }

    private void write(List<Event> batch) {
        if (store == null) {
            countLost(batch);
            return;
        }
        List<Stored> stored = new ArrayList<>(batch.size());
        long[] counts = new long[EventType.values().length];
        for (Event e : batch) {
            stored.add(new Stored(e.sequence(), e.timestamp().toEpochMilli(), e.publisher(), e.payload()));
            counts[e.type().ordinal()]++;
        }
        long[] lostNow = ring.lost();
        long[] lostDelta = new long[lostNow.length];
        for (int t = 0; t < lostNow.length; t++) {
            lostDelta[t] = lostNow[t] - lostWritten[t] + lostUnwritten[t];
        }
        long[] cum = cumulative.clone();
        for (int t = 0; t < cum.length; t++) {
            cum[t] += counts[t];
        }
        byte[] bytes = EventCodec.encode(stored);
        long first = stored.get(0).sequence();
        long last = stored.get(stored.size() - 1).sequence();
        long[] cumColumns = columns.toColumns(cum);
        long[] lostColumns = columns.toColumns(lostDelta);
        long[] entry = new long[INFO_FIXED + cumColumns.length * 2];
        entry[0] = last;
        entry[1] = bytes.length;
        entry[2] = stored.get(0).millis();
        entry[3] = stored.size();
        System.arraycopy(cumColumns, 0, entry, INFO_FIXED, cumColumns.length);
        System.arraycopy(lostColumns, 0, entry, INFO_FIXED + cumColumns.length, lostColumns.length);
        try {
            events.put(first, bytes);
            info.put(first, entry);
            meta.put("types", columns.stored());
            store.commit();
        } catch (RuntimeException e) {
            failed(e, batch);
            return;
        }
        if (failure != null) {
            LOG.info("The journal {} writes again after: {}; {} events were lost meanwhile, and the durable "
                    + "subscribers are told", dir.resolve(FILE), failure, Arrays.stream(lostUnwritten).sum());
            failure = null;
        }
        lostWritten = lostNow;
        Arrays.fill(lostUnwritten, 0);
        cumulative = cum;
        retainedBytes += bytes.length;
        retainedEvents += stored.size();
        tail.put(first, new Batch(first, last, List.copyOf(stored), lostDelta));
        tailEvents += stored.size();
        while (tail.size() > 1 && tailEvents > TAIL_EVENTS) {
            tailEvents -= tail.pollFirstEntry().getValue().events().size();
        }
        committed = last;
        tell();
    }

    private void tell() {
        try {
            onCommit.run();
        } catch (Throwable e) {
            LOG.error("The journal's commit listener failed", e);
        }
    }

    private void countLost(List<Event> batch) {
        long n = 0;
        for (Event e : batch) {
            lostUnwritten[e.type().ordinal()]++;
            n++;
        }
        lostTotal += n;
    }

    private void failed(RuntimeException e, List<Event> batch) {
        countLost(batch);
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (failure == null || System.nanoTime() - nextFailureLine >= 0) {
            LOG.error("The journal {} cannot write: {}; events for durable subscriptions are counted as lost "
                    + "until it can again (it retries every second). Free disk space or check the folder.",
                    dir.resolve(FILE), reason);
            nextFailureLine = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        }
        failure = reason;
        MVStore s = store;
        store = null;
        if (s != null) {
            try {
                s.closeImmediately();
            } catch (RuntimeException ignored) {
                // it failed already; what is committed stays in the file
            }
        }
    }

    private void housekeeping() {
        if (store == null) {
            try {
                openStore(); // failure stays set until a batch is committed again
            } catch (IOException | RuntimeException e) {
                return; // still failing
            }
        }
        trim();
    }

    /** Drops the oldest batches beyond the retention. */
    private void trim() {
        Retention r = retention;
        long now = clock.getAsLong();
        boolean trimmed = false;
        try {
            while (!info.isEmpty()) {
                Long first = info.firstKey();
                long[] i = info.get(first);
                boolean tooBig = retainedBytes > r.maxBytes();
                boolean tooOld = now - i[2] > r.maxAgeMillis();
                if (!tooBig && !tooOld) {
                    break;
                }
                int width = (i.length - INFO_FIXED) / 2;
                trimmedCumulative = columns.fromColumns(i, INFO_FIXED, width);
                trimmedUpTo = i[0];
                events.remove(first);
                info.remove(first);
                Batch cached = tail.remove(first);
                if (cached != null) {
                    tailEvents -= cached.events().size();
                }
                retainedBytes -= i[1];
                retainedEvents -= i[3];
                trimmed = true;
            }
            if (trimmed) {
                meta.put("trimmedUpTo", Long.toString(trimmedUpTo));
                meta.put("trimmedCumulative", joinLongs(columns.toColumns(trimmedCumulative)));
                meta.put("lastSequence", Long.toString(committed));
                store.commit();
            }
        } catch (RuntimeException e) {
            failed(e, List.of());
        }
    }

    // ---- readers --------------------------------------------------------------------------------

    /** The last sequence number committed: durable subscribers read up to it. */
    public long committed() {
        return committed;
    }

    /**
     * The committed batch that holds the first event after a position.
     *
     * @return the batch, or empty if nothing after it is committed (or it fell off the retention: see
     *         {@link #trimmedUpTo()})
     */
    public Optional<Batch> batchAfter(long position) {
        if (position >= committed) {
            return Optional.empty();
        }
        Map.Entry<Long, Batch> cached = tail.floorEntry(position + 1);
        if (cached != null && cached.getValue().lastSeq() > position) {
            return Optional.of(cached.getValue());
        }
        MVStore s = store;
        if (s == null) {
            return Optional.empty(); // failing: what is committed is read again once it reopens
        }
        try {
            Long key = info.floorKey(position + 1);
            if (key == null || info.get(key)[0] <= position) {
                key = info.higherKey(position);
            }
            if (key == null) {
                return Optional.empty();
            }
            long[] i = info.get(key);
            byte[] bytes = events.get(key);
            if (i == null || bytes == null) {
                return Optional.empty(); // trimmed meanwhile
            }
            int width = (i.length - INFO_FIXED) / 2;
            return Optional.of(new Batch(key, i[0], EventCodec.decode(bytes, new long[1]),
                    columns.fromColumns(i, INFO_FIXED + width, width)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The last sequence number of the batches dropped for retention; a position below it lost events. */
    public long trimmedUpTo() {
        return trimmedUpTo;
    }

    /** Events journaled ever, by type ordinal (a copy). */
    public long[] cumulative() {
        return cumulative.clone();
    }

    /** Events journaled and since dropped for retention, by type ordinal (a copy). */
    public long[] trimmedCumulative() {
        return trimmedCumulative.clone();
    }

    /** Why the journal cannot write now, or empty when it can. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Events the journal lost, ever in this process: a full ring or a failing disk. */
    public long lost() {
        return lostTotal + Arrays.stream(ring.lost()).sum();
    }

    public long retainedBytes() {
        return retainedBytes;
    }

    public long retainedEvents() {
        return retainedEvents;
    }

    public Retention retention() {
        return retention;
    }

    public void setRetention(Retention retention) {
        this.retention = retention;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    // ---- durable subscriptions ------------------------------------------------------------------

    /** The subscriptions kept, active or not. */
    public List<Durable> durables() {
        return durables.values().stream()
                .sorted((a, b) -> a.key().compareTo(b.key())).toList();
    }

    public Optional<Durable> durable(String moduleId, String name) {
        return Optional.ofNullable(durables.get(moduleId + "/" + name));
    }

    /**
     * Keeps a subscription (made or changed): its types are journaled from now on.
     *
     * @throws IllegalStateException if the journal cannot write it
     */
    public synchronized void register(Durable durable) {
        MVStore s = store;
        if (s == null) {
            throw new IllegalStateException("the journal " + file() + " cannot write now (" + failure + ")");
        }
        String value = "types=" + String.join(",", durable.types().stream().map(Enum::name).sorted().toList())
                + "\nfilter=" + durable.filter().orElse("");
        try {
            subscriptions.put(durable.key(), value);
            s.commit();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the journal " + file() + " cannot keep the subscription: " + e.getMessage(), e);
        }
        durables.put(durable.key(), durable);
        updateJournaledTypes();
    }

    /** Forgets a subscription and its position. @return whether it was kept */
    public synchronized boolean unregister(String moduleId, String name) {
        Durable gone = durables.remove(moduleId + "/" + name);
        if (gone == null) {
            return false;
        }
        updateJournaledTypes();
        MVStore s = store;
        if (s != null) {
            try {
                subscriptions.remove(gone.key());
                s.commit();
            } catch (RuntimeException e) {
                LOG.warn("The journal could not forget durable subscription {}: {}", gone.key(), e.getMessage());
            }
        }
        MappedLongs p = positions.remove(gone.key());
        try {
            if (p != null) {
                p.close();
            }
            Files.deleteIfExists(positionFile(moduleId, name));
        } catch (IOException e) {
            LOG.warn("Could not delete the position file of {}: {}", gone.key(), e.getMessage());
        }
        return true;
    }

    private void updateJournaledTypes() {
        boolean[] next = new boolean[EventType.values().length];
        for (Durable d : durables.values()) {
            for (EventType t : d.types()) {
                next[t.ordinal()] = true;
            }
        }
        journaled = next;
    }

    private Path positionFile(String moduleId, String name) {
        return dir.resolve("positions").resolve(moduleId + "#" + name + ".pos");
    }

    /**
     * A subscription's position record: the sequence number of the last event its listener finished, and
     * how many events of its types it has passed (read, filtered or lost), for its lag.
     */
    public MappedLongs positions(String moduleId, String name) {
        return positions.computeIfAbsent(moduleId + "/" + name, key -> {
            try {
                return new MappedLongs(positionFile(moduleId, name), 2);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the position of durable subscription " + key, e);
            }
        });
    }

    private static Durable parse(String key, String value) {
        int slash = key.indexOf('/');
        String types = "";
        String filter = "";
        for (String line : value.split("\n")) {
            if (line.startsWith("types=")) {
                types = line.substring(6);
            } else if (line.startsWith("filter=")) {
                filter = line.substring(7);
            }
        }
        EnumSet<EventType> set = EnumSet.noneOf(EventType.class);
        for (String t : types.split(",")) {
            try {
                set.add(EventType.valueOf(t));
            } catch (IllegalArgumentException unknownHere) {
                // a type of a newer API: not journaled by this node
            }
        }
        return new Durable(key.substring(0, slash), key.substring(slash + 1), set,
                filter.isEmpty() ? Optional.empty() : Optional.of(filter));
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // what the ring still held is written by the loop's last turn only if it ran; drain it now
        List<Event> rest = new ArrayList<>();
        ring.drain(rest, Integer.MAX_VALUE);
        if (!rest.isEmpty()) {
            write(rest);
        }
        MVStore s = store;
        if (s != null) {
            try {
                meta.put("lastSequence", Long.toString(committed));
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("The journal did not close cleanly: {}", e.getMessage());
            }
        }
        for (MappedLongs p : positions.values()) {
            try {
                p.close();
            } catch (IOException ignored) {
                // the positions are in the file already
            }
        }
        try {
            sequenceMark.close();
        } catch (IOException ignored) {
            // likewise
        }
    }
}
