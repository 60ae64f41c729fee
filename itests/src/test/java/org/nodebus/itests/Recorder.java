package org.nodebus.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;

/** A subscriber that records what it receives; it can be held inside onEvent until the test opens it. */
public class Recorder implements EventSubscriber {
    public final List<Event> events = new CopyOnWriteArrayList<>();
    private final Semaphore entered = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public Recorder hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void open() {
        gate.countDown();
    }

    public void awaitEntered() throws InterruptedException {
        if (!entered.tryAcquire(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the listener was not called within 20 s");
        }
    }

    @Override
    public void onEvent(Event event) {
        events.add(event);
        entered.release();
        try {
            gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int count() {
        return events.size();
    }
}
