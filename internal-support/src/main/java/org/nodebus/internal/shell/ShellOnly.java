package org.nodebus.internal.shell;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers shell commands so that only the Gogo shell's own bundles get the command object: the commands
 * act for the operator (publish as the node, reset any module), and a module that looked them up would get
 * that power. Any other bundle gets {@code null}, and the framework logs its refusal. The system bundle
 * gets them too: Gogo's {@code help} looks commands up through its context. (Without a security manager
 * this keeps out a module that asks for the service, not one that borrows the system bundle's context.)
 */
public final class ShellOnly<S> implements ServiceFactory<S> {
    private static final Logger LOG = LoggerFactory.getLogger(ShellOnly.class);
    /** Gogo's runtime calls the commands; its command bundle reads their descriptions for {@code help}. */
    static final String SHELL_BUNDLES = "org.apache.felix.gogo.";

    private final S commands;

    private ShellOnly(S commands) {
        this.commands = commands;
    }

    /**
     * Registers command functions of a scope.
     *
     * @param context the registering bundle's context
     * @param type the class the commands are registered under (private to the registering bundle)
     * @param commands the object with the command methods
     * @param scope the Gogo scope
     * @param functions the command names
     * @return the registration, to unregister when the component stops
     */
    public static <S> ServiceRegistration<S> register(BundleContext context, Class<S> type, S commands, String scope,
            String... functions) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", scope);
        properties.put("osgi.command.function", functions);
        return context.registerService(type, new ShellOnly<>(commands), properties);
    }

    @Override
    public S getService(Bundle bundle, ServiceRegistration<S> registration) {
        String name = bundle.getSymbolicName();
        // Gogo's help (gogo.command's Basic) reads the commands through the system bundle's context
        if (bundle.getBundleId() == 0 || name != null && name.startsWith(SHELL_BUNDLES)) {
            return commands;
        }
        LOG.warn("Bundle {} ({}) asked for the NodeBus shell commands; they are only for the Gogo shell, so it gets "
                + "none", bundle.getBundleId(), name);
        return null;
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<S> registration, S service) {
        // the commands object is shared and has nothing per bundle to release
    }
}
