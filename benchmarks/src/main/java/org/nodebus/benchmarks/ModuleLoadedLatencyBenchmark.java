package org.nodebus.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.nodebus.api.event.EventType;
import org.nodebus.api.event.ModuleLoaded;
import org.nodebus.benchmarks.osgi.EmbeddedFramework;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/** Time from installing and starting a module bundle until another module receives its ModuleLoaded. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ModuleLoadedLatencyBenchmark {
    private EmbeddedFramework framework;
    private final Map<String, Boolean> loaded = new ConcurrentHashMap<>();
    private Bundle last;
    private int count;

    @Setup(Level.Trial)
    public void start() throws Exception {
        framework = EmbeddedFramework.start(true, Map.of());
        framework.startSubscriber("bench.observer", EventType.MODULE_LOADED, event -> {
            if (event.payload() instanceof ModuleLoaded m) {
                loaded.put(m.moduleId(), Boolean.TRUE);
            }
        });
    }

    @Benchmark
    public void installToModuleLoaded() throws BundleException {
        String id = "bench.m" + (count++);
        last = framework.startModule(id);
        while (!loaded.containsKey(id)) {
            Thread.onSpinWait();
        }
    }

    @TearDown(Level.Invocation)
    public void uninstall() throws BundleException {
        if (last != null) {
            last.uninstall();
            last = null;
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        framework.close();
    }
}
