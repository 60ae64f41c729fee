package org.nodebus.eventmanager.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.nodebus.api.DeliveryStats;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.NewBlock;
import org.nodebus.api.event.NewTransaction;
import org.nodebus.eventmanager.config.CrashPolicy;
import org.nodebus.eventmanager.config.DeliverySettings;

/** Delivery cores for one test, closed after it. */
final class Cores implements AutoCloseable {
    private final List<DeliveryCore> made = new ArrayList<>();

    static DeliverySettings settings(int bufferSize, int threads, Duration listenerTimeout, Duration compensation) {
        return new DeliverySettings(bufferSize, Map.of(), 3, listenerTimeout, CrashPolicy.STOP, false, Set.of(),
                threads, 8, compensation);
    }

    DeliveryCore core(int bufferSize, int threads, Duration listenerTimeout) {
        return keep(new DeliveryCore(settings(bufferSize, threads, listenerTimeout, Duration.ofMillis(20))));
    }

    /** A core whose watchdog checks only when the test says so, on the test's clock. */
    DeliveryCore manual(int bufferSize, int threads, Duration listenerTimeout, LongSupplier clock) {
        return keep(new DeliveryCore(settings(bufferSize, threads, listenerTimeout, Duration.ofMillis(20)), clock, false));
    }

    DeliveryCore keep(DeliveryCore core) {
        made.add(core);
        return core;
    }

    static NewBlock block(long height) {
        return new NewBlock(Hash32.of(new byte[32]), height);
    }

    static NewTransaction transaction() {
        return new NewTransaction(Hash32.of(new byte[32]));
    }

    static DeliveryStats stats(DeliveryCore core, String module) {
        return core.stats(module).orElseThrow();
    }

    static ModuleHealth health(DeliveryCore core, String module) {
        return core.health(module).orElseThrow();
    }

    /** Throws any throwable without declaring it, as a module compiled in another language might. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public void close() {
        made.forEach(DeliveryCore::close);
    }
}
