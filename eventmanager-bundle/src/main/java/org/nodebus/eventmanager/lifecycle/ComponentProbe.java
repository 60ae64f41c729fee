package org.nodebus.eventmanager.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nodebus.api.EventSubscriber;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Asks Declarative Services (through its runtime service) how a bundle's components stand. A bundle has
 * settled when every enabled component is active or has nothing left to register (a delayed component or
 * a factory that is satisfied has registered its service and waits for a user), none failed, and it
 * declares no {@code EventSubscriber} component: such a module is ready only once its subscription is
 * registered, which announces it.
 */
final class ComponentProbe {

    private ComponentProbe() {
    }

    /** Without SCR there are no components to wait for. Never call it under the publish lock. */
    static ComponentState of(ServiceComponentRuntime scr, Bundle bundle) {
        if (scr == null) {
            return ComponentState.SETTLED;
        }
        List<String> waiting = new ArrayList<>();
        boolean activating = false;
        var descriptions = scr.getComponentDescriptionDTOs(bundle);
        if (descriptions.isEmpty() && bundle.getHeaders("").get("Service-Component") != null) {
            // DS has not read the bundle's components yet
            return new ComponentState(false, null, "(not yet read by Declarative Services)", false);
        }
        for (ComponentDescriptionDTO description : descriptions) {
            if (!scr.isComponentEnabled(description)) {
                if (description.defaultEnabled) {
                    // Declarative Services is still enabling it (or someone disabled it: that is rare)
                    waiting.add(description.name + " (not enabled yet)");
                }
                continue;
            }
            if (Arrays.asList(description.serviceInterfaces).contains(EventSubscriber.class.getName())) {
                // satisfied or even active is not enough: the module is ready once its subscription is registered
                waiting.add(description.name + " (its EventSubscriber is not registered yet)");
            }
            var configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                waiting.add(description.name + " (no configuration yet)");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.ACTIVE -> {
                    }
                    case ComponentConfigurationDTO.SATISFIED -> {
                        // a delayed component (or a factory) has registered its service and waits for a user;
                        // an immediate one is being activated
                        if (description.immediate && description.factory == null) {
                            waiting.add(description.name + " (activating)");
                            activating = true;
                        }
                    }
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> {
                        return new ComponentState(false, description.name + ": " + configuration.failure, "", false);
                    }
                    default -> waiting.add(description.name);
                }
            }
        }
        return waiting.isEmpty() ? ComponentState.SETTLED
                : new ComponentState(false, null, String.join(", ", waiting), activating);
    }
}
