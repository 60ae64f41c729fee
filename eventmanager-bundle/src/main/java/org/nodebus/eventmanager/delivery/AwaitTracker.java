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

    /** Waits until no module is pending or the deadline passes, then reports. */
    synchronized DeliveryReport await(EventType type, long sequence, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            long millis = left / 1_000_000;
            wait(millis, (int) (left % 1_000_000));
        }
        Map<Outcome, List<String>> byOutcome = new HashMap<>();
        outcomes.forEach((module, outcome) -> byOutcome.computeIfAbsent(outcome, o -> new ArrayList<>()).add(module));
        byOutcome.values().forEach(list -> list.sort(null));
        return new DeliveryReport(type, sequence, byOutcome.getOrDefault(Outcome.HANDLED, List.of()),
                byOutcome.getOrDefault(Outcome.FAILED, List.of()), byOutcome.getOrDefault(Outcome.DROPPED, List.of()),
                byOutcome.getOrDefault(Outcome.PENDING, List.of()));
    }
}
