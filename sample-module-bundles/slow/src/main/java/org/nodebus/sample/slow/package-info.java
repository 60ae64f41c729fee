/**
 * Takes its time with every event, to show a full queue and dropped events.
 */
@NodeModule
package org.nodebus.sample.slow;

import org.nodebus.api.NodeModule;
