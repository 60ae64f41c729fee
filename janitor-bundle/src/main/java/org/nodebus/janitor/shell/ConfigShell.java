package org.nodebus.janitor.shell;

import org.nodebus.internal.shell.ShellOnly;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Hands {@code nodebus:config} to the shell while ConfigAdmin is there. */
@Component(service = {}, immediate = true)
public final class ConfigShell {
    private final ServiceRegistration<ConfigCommand> registration;

    @Activate
    public ConfigShell(BundleContext context, @Reference ConfigurationAdmin admin) {
        registration = ShellOnly.register(context, ConfigCommand.class, new ConfigCommand(context, admin), "nodebus",
                ConfigCommand.FUNCTIONS);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters a stopping bundle's services itself
        }
    }
}
