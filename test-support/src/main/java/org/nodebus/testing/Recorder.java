package org.nodebus.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;

/**
 * A subscriber that records what it receives and the threads it ran on. The test can hold it inside
 * onEvent until it opens it, and make it throw or crash after recording.
 */
public class Recorder implements EventSubscriber {
    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Released once per event that enters onEvent. */
    public final Semaphore entered = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile RuntimeException toThrow;
    private volatile Error toCrash;

    /** Makes every following call wait until {@link #open()}. */
    public Recorder hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void open() {
        gate.countDown();
    }

    /** Makes every following call throw, after recording. */
    public Recorder throwing(RuntimeException e) {
        toThrow = e;
        return this;
    }

    /** Makes every following call throw an Error (a crash), after recording. */
    public Recorder crashing(Error e) {
        toCrash = e;
        return this;
    }

    /** Waits until one more call entered onEvent. */
    public void awaitEntered() throws InterruptedException {
        if (!entered.tryAcquire(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the listener was not called within " + Await.DEADLINE.toSeconds() + " s");
        }
    }

    @Override
    public void onEvent(Event event) {
        threads.add(Thread.currentThread());
        events.add(event);
        entered.release();
        try {
            // a test that never opens the gate fails on its own assertions; an Error here would be a module crash
            gate.await(60, TimeUnit.SECONDS);
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

    public int count() {
        return events.size();
    }
}
