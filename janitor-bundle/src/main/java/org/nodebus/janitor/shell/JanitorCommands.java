package org.nodebus.janitor.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nodebus.api.event.HealthCheck;
import org.nodebus.api.event.HealthCheckType;
import org.nodebus.api.event.MaintenanceCompleted;
import org.nodebus.api.event.MaintenanceReason;
import org.nodebus.api.event.ModuleHealth;
import org.nodebus.api.event.ShutdownReason;
import org.nodebus.api.report.HealthReport;
import org.nodebus.internal.shell.CommandRefused;
import org.nodebus.janitor.runtime.Janitor;

/**
 * Gogo commands of scope {@code nodebus} for the node's lifecycle: health, maintenance, shutdown. The
 * janitor registers them for the shell only.
 */
public final class JanitorCommands {
    /** The command names. */
    public static final String[] FUNCTIONS = {"health", "maintenance", "shutdown"};

    private final Janitor janitor;

    public JanitorCommands(Janitor janitor) {
        this.janitor = janitor;
    }

    @Descriptor("run a health check now and publish HealthCheck(MANUAL): every module's health, queue, and drops "
            + "and failures since the previous check; the node is healthy when every module is HEALTHY and none dropped")
    public String health(
            @Descriptor("print the report as JSON, as the HealthCheck event carries it")
            @Parameter(names = {"--json"}, presentValue = "true", absentValue = "false") boolean json) {
        HealthCheck check = janitor.runHealthCheck(HealthCheckType.MANUAL);
        if (json) {
            return check.healthReport().orElse("{}");
        }
        HealthReport report = check.report().orElseThrow();
        StringBuilder out = new StringBuilder(verdict(check.nodeHealthy(), report) + System.lineSeparator());
        if (report.modules().isEmpty()) {
            return out.append("No module is loaded.").toString();
        }
        int width = Math.max(6, report.modules().keySet().stream().mapToInt(String::length).max().orElse(0));
        String format = "%-" + width + "s  %-12s  %-15s  %-10s  %s%n";
        out.append(String.format(format, "MODULE", "HEALTH", "QUEUED/SIZE", "DROPS", "FAILURES"));
        report.modules().forEach((id, m) -> out.append(String.format(format, id, m.health(),
                m.queued() + "/" + m.queueCapacity(), m.droppedSincePrevious(), m.failedSincePrevious())));
        return out.append("(drops and failures since the previous health check)").toString();
    }

    /** The first line: healthy, or UNHEALTHY with what makes it so. */
    static String verdict(boolean healthy, HealthReport report) {
        if (healthy) {
            return "Node is healthy (every module HEALTHY and none dropping events)";
        }
        List<String> reasons = new ArrayList<>();
        report.modules().forEach((id, m) -> {
            if (m.health() != ModuleHealth.HEALTHY) {
                reasons.add(id + " is " + m.health());
            }
            if (m.droppedSincePrevious() > 0) {
                reasons.add(id + " dropped " + m.droppedSincePrevious() + " event(s)");
            }
        });
        return "Node is UNHEALTHY: " + (reasons.isEmpty() ? "see the table" : String.join(", ", reasons));
    }

    @Descriptor("run a maintenance cleanup now and wait for the modules")
    public String maintenance() throws InterruptedException {
        MaintenanceCompleted done = janitor.runMaintenance(MaintenanceReason.MANUAL);
        return "Maintenance " + (done.success() ? "succeeded" : "did not complete for every module") + " in "
                + done.durationMs() + " ms" + System.lineSeparator() + done.results().orElse("{}");
    }

    @Descriptor("stop the node in order: NodeShutdown, the flush, modules stop, NodeShutdownCompleted")
    public String shutdown(@Descriptor("seconds modules get for NodeShutdown and the flush, 1 to 3600; none: the "
            + "configured shutdown.timeout.seconds") String... timeout) {
        if (timeout.length > 1) {
            throw new CommandRefused("Too many arguments: " + String.join(" ",
                    java.util.Arrays.copyOfRange(timeout, 1, timeout.length)) + " not expected; usage: nodebus:shutdown "
                    + "[timeoutSeconds]");
        }
        String timeoutSeconds = timeout.length == 1 ? timeout[0] : String.valueOf(janitor.shutdownTimeout().toSeconds());
        long seconds;
        try {
            seconds = Long.parseLong(timeoutSeconds.strip());
        } catch (NumberFormatException e) {
            throw new CommandRefused("timeoutSeconds must be a whole number of seconds from 1 to 3600 but was '"
                    + timeoutSeconds + "'");
        }
        if (seconds < 1 || seconds > 3600) {
            throw new CommandRefused("timeoutSeconds must be from 1 to 3600 but was " + seconds);
        }
        janitor.shutdown(ShutdownReason.GRACEFUL, Duration.ofSeconds(seconds));
        return "Shutting down: modules get NodeShutdown and a flush within " + seconds + " s, then the node stops.";
    }
}
