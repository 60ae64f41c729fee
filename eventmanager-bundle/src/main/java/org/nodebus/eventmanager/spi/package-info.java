/**
 * The EventManager's read-only view of delivery, for operator tools (the metrics bundle's Prometheus
 * endpoint, its JMX MBeans and its Web Console page): every module's running totals, queue, health and time
 * in its listener, the events published per type, the delivery threads and the node's latest lifecycle
 * events. Get {@link org.nodebus.eventmanager.spi.DeliveryMonitor} as an OSGi service.
 *
 * <p>Taking a snapshot costs publishers and delivery threads nothing: it reads counters they keep anyway
 * and takes no lock they wait for. Modules code against {@code org.nodebus.api}, not against this package.
 */
@Export
@Version("1.0.0")
package org.nodebus.eventmanager.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
