/**
 * What the node's tests wait and listen with: {@link org.nodebus.testing.Await} (a condition with a
 * deadline, never a sleep) and {@link org.nodebus.testing.Recorder} (a subscriber that records, and can be
 * held inside its listener by the test). Used by unit tests and, installed as a bundle, inside the Pax Exam
 * container. Not a public API yet: its version stays below 1.
 */
@Export
@Version("0.1.0")
package org.nodebus.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
