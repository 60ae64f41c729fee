package org.nodebus.janitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.nodebus.api.DeliveryReport;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.event.EventPayload;

/**
 * Records what is published; publishAndAwait answers with a report the test chooses and moves the fake
 * clock on by the time the "modules" took, so sequences are tested without real waiting.
 */
public class FakePublisher implements EventPublisher {
    public final List<EventPayload> published = new CopyOnWriteArrayList<>();
    public final List<Duration> waits = new CopyOnWriteArrayList<>();
    public final MutableClock clock = new MutableClock();
    private volatile Function<EventPayload, DeliveryReport> answer = p -> report(p, List.of("m1"), List.of());
    private volatile long millisPerWait;

    public FakePublisher answering(Function<EventPayload, DeliveryReport> answer) {
        this.answer = answer;
        return this;
    }

    /** Each publishAndAwait takes this long, capped at its timeout. */
    public FakePublisher taking(long millis) {
        this.millisPerWait = millis;
        return this;
    }

    public static DeliveryReport report(EventPayload p, List<String> handled, List<String> timedOut) {
        return new DeliveryReport(p.type(), 1, handled, List.of(), List.of(), timedOut);
    }

    @Override
    public void publish(EventPayload payload) {
        published.add(payload);
    }

    @Override
    public DeliveryReport publishAndAwait(EventPayload payload, Duration timeout) {
        published.add(payload);
        waits.add(timeout);
        clock.advance(Math.min(millisPerWait, timeout.toMillis()));
        return answer.apply(payload);
    }

    public <T extends EventPayload> List<T> of(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** A clock the test moves. */
    public static final class MutableClock extends Clock {
        private volatile long millis = 1_000_000;

        public void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
