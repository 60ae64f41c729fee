package org.nodebus.api.event;

/**
 * A resource crossed its warning threshold: reduce usage.
 *
 * @param resourceType which resource
 * @param usagePercent current usage in percent, 0..100
 * @param currentUsage current usage in the resource's unit (bytes, or per-mille of a CPU)
 * @param limit the limit in the same unit
 * @param thresholdPercent the warning threshold in percent, 0..100
 */
public record ResourceLimitWarning(ResourceType resourceType, double usagePercent, long currentUsage, long limit, double thresholdPercent) implements EventPayload {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if a value is out of range; the message names the field and the value
     * @throws NullPointerException if a value is {@code null}; the message names the field
     */
    public ResourceLimitWarning {
        Checks.notNull("ResourceLimitWarning.resourceType", resourceType);
        Checks.percent("ResourceLimitWarning.usagePercent", usagePercent);
        Checks.notNegative("ResourceLimitWarning.currentUsage", currentUsage);
        Checks.notNegative("ResourceLimitWarning.limit", limit);
        Checks.percent("ResourceLimitWarning.thresholdPercent", thresholdPercent);
    }

    @Override
    public EventType type() {
        return EventType.RESOURCE_LIMIT_WARNING;
    }
}
