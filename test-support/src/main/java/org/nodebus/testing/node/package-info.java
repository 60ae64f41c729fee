/**
 * The framework a test or a benchmark launches: the third-party bundles the EventManager runs on, and
 * the API packages with the versions their {@code @Version} states, read from the API bundle's manifest.
 */
@Export
@Version("0.1.0")
package org.nodebus.testing.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
