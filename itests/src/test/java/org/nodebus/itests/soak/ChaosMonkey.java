package org.nodebus.itests.soak;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.nodebus.api.EventSubscriber;
import org.nodebus.api.event.EventType;
import org.nodebus.itests.TestModules;
import org.nodebus.itests.modules.ThrowingActivator;
import org.nodebus.itests.soak.SoakSubscriber.Behaviour;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The chaos thread of the soak: on a fixed set of module slots it randomly installs, starts, stops,
 * updates and uninstalls module bundles, and changes the EventManager's buffer size through ConfigAdmin.
 * Every bundle that ever lived is remembered with its own {@link SoakSubscriber}.
 */
public final class ChaosMonkey implements Runnable {
    /** Types every soak module subscribes to. */
    public static final EventType[] DATA = {EventType.NEW_BLOCK, EventType.PEER_CONNECTED};
    private static final int[] BUFFER_SIZES = {20, 100, 1000, 5000};
    /** The module id of the soak's lifecycle observer. */
    public static final String OBSERVER = "soak.observer";
    /**
     * The EventManager configuration of the soak: hung listeners are noticed after 300 ms. The lifecycle
     * observer gets a queue of its own size: with the global size down to 20 and both delivery threads in
     * hung listeners, a burst of chaos would fill a small queue and the observer's history would have gaps
     * (dropped and counted, as designed), which its consistency check cannot tell from a wrong history.
     */
    public static final Map<String, Object> SETTINGS = Map.of("listener.timeout.ms", 300L,
            "module.buffer.sizes", new String[] {OBSERVER + "=100000"});

    /** One bundle as it lived: its module id, its behaviour and its independent counts. */
    /**
     * One bundle that lived during the soak. It keeps the bundle's id, not the bundle: holding thousands of
     * uninstalled bundle objects would show up as heap growth the node is not responsible for.
     */
    public record Incarnation(String moduleId, long bundleId, SoakSubscriber subscriber) {
        public boolean uninstalled(BundleContext context) {
            return context.getBundle(bundleId) == null;
        }
    }

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final Random random;
    private final CountDownLatch stopHanging;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final String[] slots;
    private final Behaviour[] behaviours;
    private final Bundle[] bundles;
    private final int[] versions;
    private int installs;
    private final Map<Long, Incarnation> incarnations = new ConcurrentHashMap<>();
    private final Map<String, Integer> operations = new TreeMap<>();
    private volatile Throwable failure;

    public ChaosMonkey(BundleContext context, ConfigurationAdmin configurationAdmin, long seed, int slotCount,
            CountDownLatch stopHanging) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        this.random = new Random(seed);
        this.stopHanging = stopHanging;
        Behaviour[] kinds = Behaviour.values();
        slots = new String[slotCount];
        behaviours = new Behaviour[slotCount];
        bundles = new Bundle[slotCount];
        versions = new int[slotCount];
        for (int i = 0; i < slotCount; i++) {
            behaviours[i] = kinds[i % kinds.length];
            slots[i] = "chaos." + behaviours[i].name().toLowerCase() + "." + i;
        }
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                act(random.nextInt(slots.length), random.nextInt(100));
                LockSupport.parkNanos(random.nextInt(20_000_000));
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    public void stop() {
        running.set(false);
    }

    private void act(int slot, int dice) throws Exception {
        Bundle bundle = bundles[slot];
        if (dice < 5) {
            count("buffer.size");
            org.osgi.service.cm.Configuration configuration =
                    configurationAdmin.getConfiguration("org.nodebus.eventmanager", "?");
            Hashtable<String, Object> properties = new Hashtable<>(SETTINGS);
            properties.put("buffer.size", BUFFER_SIZES[random.nextInt(BUFFER_SIZES.length)]);
            configuration.update(properties);
        } else if (dice < 8) {
            count("refresh");
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null);
        } else if (bundle == null || bundle.getState() == Bundle.UNINSTALLED) {
            install(slot);
        } else if (dice < 40) {
            if (bundle.getState() == Bundle.ACTIVE) {
                tolerate("stop", bundle::stop);
            } else {
                start(slot, bundle);
            }
        } else if (dice < 70) {
            count("update");
            boolean active = bundle.getState() == Bundle.ACTIVE;
            if (tolerate("update", () -> bundle.update(build(slot)))) {
                subscribe(slot, bundle, active);
            }
        } else {
            tolerate("uninstall", bundle::uninstall);
        }
    }

    private void install(int slot) throws BundleException {
        Bundle bundle = context.installBundle("soak:" + slots[slot] + ":" + (++installs), build(slot));
        bundles[slot] = bundle;
        incarnations.put(bundle.getBundleId(), new Incarnation(slots[slot], bundle.getBundleId(),
                new SoakSubscriber(behaviours[slot], stopHanging)));
        count("install");
        start(slot, bundle);
    }

    private void start(int slot, Bundle bundle) {
        if (tolerate("start", bundle::start)) {
            subscribe(slot, bundle, true);
        }
    }

    private void subscribe(int slot, Bundle bundle, boolean wanted) {
        if (!wanted || behaviours[slot] == Behaviour.CRASHING_ON_START) {
            return;
        }
        tolerate("subscribe", () -> {
            BundleContext moduleContext = bundle.getBundleContext();
            if (moduleContext == null) {
                throw new IllegalStateException(slots[slot] + " is no longer active");
            }
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(EventSubscriber.EVENT_TYPES_PROPERTY, new String[] {DATA[0].name(), DATA[1].name()});
            moduleContext.registerService(EventSubscriber.class,
                    incarnations.get(bundle.getBundleId()).subscriber(), properties);
        });
    }

    private java.io.InputStream build(int slot) {
        String version = "1.0." + (++versions[slot]);
        var builder = TestModules.module(slots[slot], version);
        if (behaviours[slot] == Behaviour.CRASHING_ON_START) {
            builder.set(Constants.BUNDLE_ACTIVATOR, ThrowingActivator.class.getName())
                    .set(Constants.IMPORT_PACKAGE, "org.osgi.framework")
                    .add(ThrowingActivator.class);
        }
        return builder.build();
    }

    /** Runs a bundle operation the chaos may have made impossible (a module stopped by its crash policy). */
    private boolean tolerate(String operation, Action action) {
        try {
            action.run();
            count(operation);
            return true;
        } catch (BundleException | IllegalStateException e) {
            count(operation + " refused");
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(operation + " failed", e);
        }
    }

    private void count(String operation) {
        synchronized (operations) {
            operations.merge(operation, 1, Integer::sum);
        }
    }

    /** @throws AssertionError if the chaos thread itself failed */
    public void assertNoFailure() {
        if (failure != null) {
            throw new AssertionError("the chaos thread failed", failure);
        }
    }

    public List<Incarnation> incarnations() {
        return new ArrayList<>(incarnations.values());
    }

    public Map<String, Integer> operations() {
        synchronized (operations) {
            return new TreeMap<>(operations);
        }
    }

    public String[] slots() {
        return slots.clone();
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }
}
