package org.nodebus.benchmarks.candidates;

/** Makes a candidate by its benchmark parameter name. */
public final class Candidates {
    private Candidates() {
    }

    public static Candidate create(String name, int subscribers, int capacity) throws Exception {
        return create(name, subscribers, capacity, 1, null);
    }

    /**
     * @param publishers how many threads will publish at once
     * @param sink told of each delivery with the value it was published with, or {@code null}; only the
     *        candidates that {@link #LATENCY} names support it
     */
    public static Candidate create(String name, int subscribers, int capacity, int publishers, LatencySink sink)
            throws Exception {
        if (sink != null && !LATENCY.contains(name)) {
            throw new IllegalArgumentException("candidate '" + name + "' does not measure latency; use one of " + LATENCY);
        }
        return switch (name) {
            case "nodebus" -> new NodeBusCandidate(subscribers, capacity, sink);
            case "nodebus-durable" -> NodeBusCandidate.durable(subscribers, capacity);
            case "eventadmin" -> new EventAdminCandidate(subscribers, false, false, sink);
            case "eventadmin-timeout0" -> new EventAdminCandidate(subscribers, true, false, sink);
            case "eventadmin-send" -> new EventAdminCandidate(subscribers, false, true, sink);
            case "eventadmin-send-timeout0" -> new EventAdminCandidate(subscribers, true, true, sink);
            case "guava-async" -> new GuavaCandidate(subscribers);
            case "abq-drop" -> new BlockingQueueCandidate(subscribers, capacity);
            case "mpsc-parked" -> new MpscCandidate(subscribers, capacity, sink);
            case "disruptor-sleeping" -> new DisruptorCandidate(subscribers, capacity, false, publishers, sink);
            case "disruptor-blocking" -> new DisruptorCandidate(subscribers, capacity, true, publishers, sink);
            default -> throw new IllegalArgumentException("unknown candidate '" + name + "'; use nodebus, nodebus-durable, eventadmin, "
                    + "eventadmin-timeout0, eventadmin-send, eventadmin-send-timeout0, guava-async, abq-drop, "
                    + "mpsc-parked, disruptor-sleeping or disruptor-blocking");
        };
    }

    /** The candidates that can tell a benchmark the latency of each delivery. */
    public static final java.util.List<String> LATENCY = java.util.List.of("nodebus", "eventadmin", "mpsc-parked",
            "disruptor-sleeping", "disruptor-blocking");
}
