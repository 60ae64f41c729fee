package org.nodebus.api.report;

/** How one module took part in a maintenance run, as a {@link MaintenanceResults} names it. */
public enum ModuleOutcome {
    /** Its listener returned in time. */
    HANDLED("handled"),
    /** Its listener threw. */
    FAILED("failed"),
    /** The request was dropped: its queue was full. */
    DROPPED("dropped"),
    /** Its listener had not returned when the run's timeout ran out. */
    TIMED_OUT("timed out");

    private final String label;

    ModuleOutcome(String label) {
        this.label = label;
    }

    /** The word that stands for the outcome in the JSON of {@link org.nodebus.api.event.MaintenanceCompleted#results()}. */
    public String label() {
        return label;
    }
}
