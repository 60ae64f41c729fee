package org.nodebus.metrics.jmx;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.nodebus.api.EventManager;
import org.nodebus.eventmanager.spi.DeliveryMonitor;
import org.nodebus.eventmanager.spi.ModuleDelivery;
import org.nodebus.metrics.view.NodeReader;
import org.nodebus.metrics.view.NodeView;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one MBean per module ({@code org.nodebus:type=Module,name=<moduleId>}) and one for the node
 * ({@code org.nodebus:type=Node}) in the platform MBean server, so JConsole attached to the node's process
 * shows them; no remote JMX port is opened.
 *
 * <p>One thread ("nodebus-jmx") adds and removes the module MBeans: every second, and at once after a bundle
 * stops or is uninstalled. The set of registered names is confined to that thread, so no lock is held while
 * the MBean server or the EventManager is called.
 */
@Component(service = {})
public final class JmxPublisher {
    /** The JMX domain of NodeBus. */
    public static final String DOMAIN = "org.nodebus";

    private static final Logger LOG = LoggerFactory.getLogger(JmxPublisher.class);

    private final BundleContext context;
    private final FreshView view;
    private final NodeReader reader;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nodebus-jmx");
        t.setDaemon(true);
        return t;
    });
    private final BundleListener onBundleChange = this::bundleChanged;
    // confined to the nodebus-jmx thread (and to deactivate once that thread has ended)
    private final Map<String, ObjectName> registered = new HashMap<>();
    private final Set<String> refused = new HashSet<>();
    private ObjectName nodeName;

    /**
     * @param monitor the EventManager's delivery monitor
     * @param eventManager the EventManager
     * @param context this bundle's context
     */
    @Activate
    public JmxPublisher(@Reference DeliveryMonitor monitor, @Reference EventManager eventManager,
            BundleContext context) {
        this.context = context;
        this.reader = new NodeReader(monitor, eventManager, context);
        this.view = new FreshView(reader::read);
        context.addBundleListener(onBundleChange);
        thread.execute(this::registerNode);
        thread.scheduleWithFixedDelay(this::sync, 0, 1, TimeUnit.SECONDS);
    }

    /**
     * The object name of a module's MBean.
     *
     * @param moduleId the module id
     * @return {@code org.nodebus:type=Module,name=<moduleId>}, the id quoted if it holds a character JMX reserves
     */
    public static ObjectName moduleName(String moduleId) {
        String name = moduleId.matches("[A-Za-z0-9._\\-]+") ? moduleId : ObjectName.quote(moduleId);
        return objectName(DOMAIN + ":type=Module,name=" + name);
    }

    /**
     * The object name of the node's MBean.
     *
     * @return {@code org.nodebus:type=Node}
     */
    public static ObjectName nodeName() {
        return objectName(DOMAIN + ":type=Node");
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Not a JMX object name: " + name, e);
        }
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STOPPED || event.getType() == BundleEvent.UNINSTALLED
                || event.getType() == BundleEvent.STARTED) {
            try {
                thread.execute(this::sync);
            } catch (RejectedExecutionException e) {
                // deactivated meanwhile: deactivate removes every MBean
            }
        }
    }

    private void registerNode() {
        ObjectName name = nodeName();
        if (register(name, new NodeStatistics(view))) {
            nodeName = name;
        }
    }

    private void sync() {
        try {
            view.invalidate();
            NodeView node = view.get();
            Set<String> present = new HashSet<>();
            for (ModuleDelivery module : node.delivery().modules()) {
                present.add(module.moduleId());
                if (!registered.containsKey(module.moduleId()) && !refused.contains(module.moduleId())) {
                    ObjectName name = moduleName(module.moduleId());
                    if (register(name, new ModuleStatistics(module, node.version(module.moduleId()), view,
                            reader::resetStatistics))) {
                        registered.put(module.moduleId(), name);
                    } else {
                        refused.add(module.moduleId());
                    }
                }
            }
            registered.keySet().removeIf(id -> {
                if (present.contains(id)) {
                    return false;
                }
                unregister(registered.get(id));
                return true;
            });
            refused.retainAll(present);
        } catch (Throwable t) {
            // the thread goes on: a failed sync is retried in a second
            LOG.warn("JMX: updating the module MBeans failed: {}", t.toString(), t);
        }
    }

    private boolean register(ObjectName name, Object mbean) {
        try {
            server.registerMBean(mbean, name);
            return true;
        } catch (InstanceAlreadyExistsException e) {
            LOG.warn("JMX: {} is registered already (another node in this JVM?); this node does not show it", name);
            return false;
        } catch (JMException e) {
            LOG.warn("JMX: could not register {}: {}", name, e.toString(), e);
            return false;
        }
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("JMX: {} was gone already", name, e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeBundleListener(onBundleChange);
        thread.shutdownNow();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("JMX: the nodebus-jmx thread did not end in 5 s; its MBeans are removed anyway");
        }
        registered.values().forEach(this::unregister);
        registered.clear();
        if (nodeName != null) {
            unregister(nodeName);
        }
    }
}
