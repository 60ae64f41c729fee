package org.nodebus.eventmanager.delivery;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A volatile on/off flag alone on its cache lines. The publisher reads a module's run flag on every publish;
 * next to counters the module's executor writes on every delivery, each of those reads would be a cache
 * miss.
 */
final class PaddedFlag {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * Longs on each side of a value kept in a {@code long[]}: 128 bytes, two cache lines, whatever the array
     * is allocated next to. {@link EventQueue} pads its counters the same way.
     */
    static final int PAD = 16;
    private static final int AT = PAD;

    private final long[] cells = new long[2 * PAD + 1];

    /** @return whether this call set it (it was clear) */
    boolean trySet() {
        return (long) SLOT.getVolatile(cells, AT) == 0 && SLOT.compareAndSet(cells, AT, 0L, 1L);
    }

    void clear() {
        SLOT.setVolatile(cells, AT, 0L);
    }
}
