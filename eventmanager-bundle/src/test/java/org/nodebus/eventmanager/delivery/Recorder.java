package org.nodebus.eventmanager.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;

/** A subscriber that records what it receives and can be held inside onEvent by the test. */
class Recorder implements EventSubscriber {
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Released once per event that enters onEvent. */
    final Semaphore entered = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile RuntimeException toThrow;
    private volatile Error toCrash;

    /** Makes every following call wait until {@link #open()}. */
    Recorder hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    void open() {
        gate.countDown();
    }

    Recorder throwing(RuntimeException e) {
        toThrow = e;
        return this;
    }

    Recorder crashing(Error e) {
        toCrash = e;
        return this;
    }

    void awaitEntered() throws InterruptedException {
        if (!entered.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the listener was not called within 10 s");
        }
    }

    @Override
    public void onEvent(Event event) {
        threads.add(Thread.currentThread());
        events.add(event);
        entered.release();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (toCrash != null) {
            throw toCrash;
        }
        if (toThrow != null) {
            throw toThrow;
        }
    }

    int count() {
        return events.size();
    }
}
