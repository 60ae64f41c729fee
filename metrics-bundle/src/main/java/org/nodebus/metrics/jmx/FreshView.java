package org.nodebus.metrics.jmx;

import java.util.function.Supplier;

import org.nodebus.metrics.view.NodeView;

/**
 * The node view the MBeans' getters share: JConsole reads each attribute with a call of its own, and one
 * snapshot per refresh of its page is enough. Lock-free: two getters that find it stale at once each read.
 */
final class FreshView {
    private static final long MAX_AGE_NANOS = 250_000_000L;

    private record Stamped(NodeView view, long readAt) {
    }

    private final Supplier<NodeView> reader;
    private volatile Stamped last;

    FreshView(Supplier<NodeView> reader) {
        this.reader = reader;
    }

    NodeView get() {
        Stamped seen = last;
        long now = System.nanoTime();
        if (seen == null || now - seen.readAt() > MAX_AGE_NANOS) {
            seen = new Stamped(reader.get(), now);
            last = seen;
        }
        return seen.view();
    }

    /** After a reset the next read must show it. */
    void invalidate() {
        last = null;
    }
}
