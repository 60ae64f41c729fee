package org.nodebus.itests.modules;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nodebus.api.Event;
import org.nodebus.api.EventSubscriber;

/** A DS subscriber component (described by hand in the test bundle's XML) that takes 20 ms to activate. */
public class QuickSubscriber implements EventSubscriber {

    public void activate() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // the component's own start-up work
    }

    @Override
    public void onEvent(Event event) {
    }
}
