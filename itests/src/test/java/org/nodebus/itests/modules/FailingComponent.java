package org.nodebus.itests.modules;

/** Packed into a test module as an immediate DS component whose activate method throws. */
public class FailingComponent {
    public void activate() {
        throw new IllegalStateException("database missing");
    }
}
