package org.nodebus.benchmarks.candidates;

/** Makes a candidate by its benchmark parameter name. */
public final class Candidates {
    private Candidates() {
    }

    public static Candidate create(String name, int subscribers, int capacity) throws Exception {
        return switch (name) {
            case "nodebus" -> new NodeBusCandidate(subscribers, capacity);
            case "eventadmin" -> new EventAdminCandidate(subscribers, false, false);
            case "eventadmin-timeout0" -> new EventAdminCandidate(subscribers, true, false);
            case "eventadmin-send" -> new EventAdminCandidate(subscribers, false, true);
            case "eventadmin-send-timeout0" -> new EventAdminCandidate(subscribers, true, true);
            case "guava-async" -> new GuavaCandidate(subscribers);
            case "abq-drop" -> new BlockingQueueCandidate(subscribers, capacity);
            case "mpsc-parked" -> new MpscCandidate(subscribers, capacity);
            default -> throw new IllegalArgumentException("unknown candidate '" + name + "'; use nodebus, eventadmin, "
                    + "eventadmin-timeout0, eventadmin-send, eventadmin-send-timeout0, guava-async, abq-drop or mpsc-parked");
        };
    }
}
