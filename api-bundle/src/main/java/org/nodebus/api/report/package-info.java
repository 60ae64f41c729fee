/**
 * The reports that travel as JSON text in events, as typed records: the {@link HealthReport} of a
 * {@link org.nodebus.api.event.HealthCheck} and the {@link MaintenanceResults} of a
 * {@link org.nodebus.api.event.MaintenanceCompleted}. Read them with
 * {@link org.nodebus.api.event.HealthCheck#report()} and
 * {@link org.nodebus.api.event.MaintenanceCompleted#moduleResults()}, or with {@link Reports}; nobody
 * needs to parse the JSON by hand.
 */
@Export
@Version("1.0.0")
package org.nodebus.api.report;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
