package org.nodebus.api.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.nodebus.api.event.MaintenanceReason;

/**
 * What each module did in a maintenance run, carried as JSON in
 * {@link org.nodebus.api.event.MaintenanceCompleted#results()}.
 *
 * @param reason why the run was made
 * @param targetAgeDays the run asked modules to clean up data older than this
 * @param modules each module's outcome by module id
 */
public record MaintenanceResults(MaintenanceReason reason, int targetAgeDays, Map<String, ModuleOutcome> modules) {

    /**
     * @throws NullPointerException if reason, modules, a module id or an outcome is {@code null}
     * @throws IllegalArgumentException if targetAgeDays is negative
     */
    public MaintenanceResults {
        Objects.requireNonNull(reason, "MaintenanceResults.reason");
        Objects.requireNonNull(modules, "MaintenanceResults.modules");
        if (targetAgeDays < 0) {
            throw new IllegalArgumentException("MaintenanceResults.targetAgeDays must not be negative but was " + targetAgeDays);
        }
        modules.forEach((id, outcome) -> {
            Objects.requireNonNull(id, "MaintenanceResults.modules: a module id");
            Objects.requireNonNull(outcome, "MaintenanceResults.modules: the outcome of " + id);
        });
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }
}
