package org.nodebus.api;

import java.util.List;
import java.util.Objects;

import org.nodebus.api.event.EventType;

/**
 * What became of one event published with {@link EventPublisher#publishAndAwait}: for each module it
 * was offered to, whether the module handled it, failed, missed it (its queue was full) or had not
 * finished when the wait ended. Module ids in each list are sorted.
 *
 * @param type the event's type
 * @param sequence the event's sequence number
 * @param handled modules whose listeners handled it without throwing
 * @param failed modules whose listener threw, or that went away before handling it
 * @param dropped modules whose queue was full (never for critical events)
 * @param timedOut modules that had not finished when the timeout passed
 */
public record DeliveryReport(EventType type, long sequence, List<String> handled, List<String> failed,
        List<String> dropped, List<String> timedOut) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if an argument is {@code null}
     */
    public DeliveryReport {
        Objects.requireNonNull(type, "DeliveryReport.type must not be null");
        handled = List.copyOf(handled);
        failed = List.copyOf(failed);
        dropped = List.copyOf(dropped);
        timedOut = List.copyOf(timedOut);
    }

    /**
     * Whether every module the event was offered to handled it.
     *
     * @return {@code true} if nothing failed, was dropped or timed out
     */
    public boolean complete() {
        return failed.isEmpty() && dropped.isEmpty() && timedOut.isEmpty();
    }
}
