/**
 * Keeps block files in its data directory; flushes and cleans up on DataMaintenance, NodeShutdown and DiskSpaceLow.
 */
@NodeModule
package org.nodebus.sample.storage;

import org.nodebus.api.NodeModule;
