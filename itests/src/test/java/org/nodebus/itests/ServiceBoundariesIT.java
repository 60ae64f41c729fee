package org.nodebus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.nodebus.api.EventManager;
import org.nodebus.api.EventPublisher;
import org.nodebus.api.NodeControl;
import org.nodebus.api.event.EventType;
import org.nodebus.api.event.Hash32;
import org.nodebus.api.event.NewBlock;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * What another bundle can reach of the node: the API's services, bundle-scoped and refusing once released, and
 * the EventManager's exported monitoring SPI;
 * never the EventManager's internals, never the shell's commands, and no way to run code as the node's own
 * bundles through a fragment.
 */
@ExamReactorStrategy(PerMethod.class)
public class ServiceBoundariesIT extends NodeBusTest {
    private static final String EVENTMANAGER = "org.nodebus.eventmanager";
    private static final String JANITOR = "org.nodebus.janitor";

    @Override
    protected Option[] extraOptions() {
        return new Option[] {NodeBusOptions.reactorBundle("janitor")};
    }

    private static NewBlock block(long height) {
        return new NewBlock(Hash32.of(new byte[32]), height);
    }

    private static IllegalStateException refusedAsStopped(Runnable attempt) {
        try {
            attempt.run();
        } catch (IllegalStateException e) {
            return e;
        }
        fail("a released instance was still usable");
        return null;
    }

    @Test
    public void aStoppedModulesKeptServicesRefuseEveryCall() throws Exception {
        Bundle module = TestModules.startModule(context, "bound.kept");
        EventPublisher publisher = TestModules.publisher(module);
        EventManager manager = TestModules.manager(module);
        publisher.publish(block(1));
        module.stop();

        IllegalStateException publish = refusedAsStopped(() -> publisher.publish(block(2)));
        assertTrue(publish.getMessage(), publish.getMessage().contains("Module bound.kept (bundle "
                + module.getBundleId() + ") may not publish"));
        IllegalStateException subscribe = refusedAsStopped(() -> manager.subscribe(Set.of(EventType.NEW_BLOCK),
                e -> { }));
        assertTrue(subscribe.getMessage(), subscribe.getMessage().contains("may not subscribe"));
        refusedAsStopped(() -> manager.getDeliveryStats("bound.kept"));

        module.start();
        TestModules.publisher(module).publish(block(3)); // a fresh instance works again
    }

    @Test
    public void otherBundlesReachOnlyTheApisServices() throws Exception {
        // the exported, versioned SPI the metrics bundle reads (and an operator's reset goes through)
        assertOffers(EVENTMANAGER, Set.of(EventManager.class.getName(), EventPublisher.class.getName(),
                "org.nodebus.eventmanager.spi.DeliveryMonitor"), Set.of(),
                Set.of("org.nodebus.eventmanager.shell.EventCommands", "org.nodebus.eventmanager.shell.EventsCommand",
                        "org.nodebus.eventmanager.shell.DurableCommand"));
        // FileInstall's extension point, registered only where FileInstall runs
        assertOffers(JANITOR, Set.of(NodeControl.class.getName()),
                Set.of("org.apache.felix.fileinstall.ArtifactInstaller"),
                Set.of("org.nodebus.janitor.shell.JanitorCommands", "org.nodebus.janitor.shell.ConfigCommand"));
        // the shell itself still has every command
        Shell shell = new Shell(commandProcessor);
        for (String command : List.of("nodebus:subscribers NewBlock", "nodebus:health")) {
            String out = shell.run(command);
            assertFalse(out, out.startsWith("ERROR"));
        }
    }

    /**
     * The bundle registers the API services it should (and perhaps some of the optional ones), plus its shell
     * commands, which no module gets; nothing else.
     */
    private void assertOffers(String symbolicName, Set<String> api, Set<String> optional, Set<String> commandClasses)
            throws Exception {
        Set<String> offered = new TreeSet<>();
        List<ServiceReference<?>> commands = new ArrayList<>();
        for (ServiceReference<?> ref : bundle(symbolicName).getRegisteredServices()) {
            for (String type : (String[]) ref.getProperty(Constants.OBJECTCLASS)) {
                offered.add(type);
            }
            if (ref.getProperty("osgi.command.scope") != null) {
                commands.add(ref);
            }
        }
        offered.removeAll(optional);
        Set<String> expected = new TreeSet<>(api);
        expected.addAll(commandClasses);
        assertEquals(symbolicName + "'s services", expected, offered);
        assertEquals(commandClasses.size(), commands.size());
        Bundle module = TestModules.startModule(context, "bound.curious." + symbolicName);
        for (ServiceReference<?> command : commands) {
            assertNull("a module got the shell's commands", module.getBundleContext().getService(command));
            assertNull("the test bundle got the shell's commands", context.getService(command));
        }
    }

    @Test
    public void theNodesBundlesTakeNoFragment() throws Exception {
        for (String host : List.of(EVENTMANAGER, JANITOR)) {
            assertTakesNoFragment(host);
        }
    }

    private void assertTakesNoFragment(String hostName) throws Exception {
        Bundle fragment = TestModules.install(context, new BundleBuilder()
                .set(Constants.BUNDLE_MANIFESTVERSION, "2")
                .set(Constants.BUNDLE_SYMBOLICNAME, "bound.fragment." + hostName)
                .set(Constants.BUNDLE_VERSION, "1.0.0")
                .set(Constants.FRAGMENT_HOST, hostName));
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        // a host resolves its fragments when it resolves: refresh it, so it would take the fragment if it could
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle(hostName)), event -> refreshed.countDown());
        assertTrue("the refresh of " + hostName + " did not finish", refreshed.await(30, TimeUnit.SECONDS));
        assertFalse("a fragment of " + hostName + " resolved", wiring.resolveBundles(List.of(fragment)));
        assertEquals(Bundle.INSTALLED, fragment.getState());
        BundleRevision host = bundle(hostName).adapt(BundleRevision.class);
        assertTrue(hostName + " has a fragment attached",
                host.getWiring().getProvidedWires(BundleRevision.HOST_NAMESPACE).isEmpty());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }
}
