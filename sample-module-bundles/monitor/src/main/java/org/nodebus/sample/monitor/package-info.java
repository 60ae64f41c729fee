/**
 * Logs the module landscape from lifecycle events.
 */
@NodeModule
package org.nodebus.sample.monitor;

import org.nodebus.api.NodeModule;
