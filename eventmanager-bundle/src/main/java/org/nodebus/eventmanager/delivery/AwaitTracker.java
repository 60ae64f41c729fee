package org.nodebus.eventmanager.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nodebus.api.DeliveryReport;
import org.nodebus.api.event.EventType;

/** Collects the outcome of one event per module for a publisher that waits (publish-and-await). */
final class AwaitTracker {
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private int pending;

    synchronized void expect(String moduleId) {
        if (outcomes.put(moduleId, Outcome.PENDING) == null) {
            pending++;
        }
    }

    synchronized void finish(String moduleId, Outcome outcome) {
        if (outcomes.replace(moduleId, Outcome.PENDING, outcome)) {
            if (--pending == 0) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until no module is pending or the timeout passes, then reports.
     *
     * @param timeoutNanos how long at most; {@code Long.MAX_VALUE} waits as long as it takes
     */
    synchronized DeliveryReport await(EventType type, long sequence, long timeoutNanos) throws InterruptedException {
        long start = System.nanoTime();
        while (pending > 0) {
            // elapsed time, not a deadline: start + timeout may not fit in a long
            long left = timeoutNanos - (System.nanoTime() - start);
            if (left <= 0) {
                break;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        Map<Outcome, List<String>> byOutcome = new HashMap<>();
        outcomes.forEach((module, outcome) -> byOutcome.computeIfAbsent(outcome, o -> new ArrayList<>()).add(module));
        byOutcome.values().forEach(list -> list.sort(null));
        return new DeliveryReport(type, sequence, byOutcome.getOrDefault(Outcome.HANDLED, List.of()),
                byOutcome.getOrDefault(Outcome.FAILED, List.of()), byOutcome.getOrDefault(Outcome.DROPPED, List.of()),
                byOutcome.getOrDefault(Outcome.PENDING, List.of()));
    }
}
