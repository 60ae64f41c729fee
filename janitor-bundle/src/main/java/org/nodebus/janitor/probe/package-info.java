/**
 * Measurements the janitor's monitors read. Register a {@link org.nodebus.janitor.probe.DiskProbe},
 * {@link org.nodebus.janitor.probe.MemoryProbe} or {@link org.nodebus.janitor.probe.CpuProbe} service to
 * replace the built-in one (the JVM's FileStore and JMX figures), for example for storage the JVM cannot
 * measure, or to simulate a full disk in a test.
 */
@Export
@Version("1.0.0")
package org.nodebus.janitor.probe;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
