package org.nodebus.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling every millisecond; fails with the last state. */
public final class Await {
    /** How long a condition may take: generous, so a slow CI machine waits instead of failing. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "");
    }

    public static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting until " + what
                        + "; state: " + state.get());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
