package org.nodebus.eventmanager.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Asks Declarative Services (through its runtime service) how a bundle's components stand. */
final class ComponentProbe {

    private ComponentProbe() {
    }

    /** Without SCR there are no components to wait for. Never call it under the publish lock. */
    static ComponentState of(ServiceComponentRuntime scr, Bundle bundle) {
        if (scr == null) {
            return ComponentState.SETTLED;
        }
        List<String> waiting = new ArrayList<>();
        var descriptions = scr.getComponentDescriptionDTOs(bundle);
        if (descriptions.isEmpty() && bundle.getHeaders("").get("Service-Component") != null) {
            // DS has not read the bundle's components yet
            return new ComponentState(false, null, "(not yet read by Declarative Services)");
        }
        for (ComponentDescriptionDTO description : descriptions) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            var configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                waiting.add(description.name + " (no configuration yet)");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.SATISFIED, ComponentConfigurationDTO.ACTIVE -> {
                    }
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> {
                        return new ComponentState(false, description.name + ": " + configuration.failure, "");
                    }
                    default -> waiting.add(description.name);
                }
            }
        }
        return waiting.isEmpty() ? ComponentState.SETTLED : new ComponentState(false, null, String.join(", ", waiting));
    }
}
