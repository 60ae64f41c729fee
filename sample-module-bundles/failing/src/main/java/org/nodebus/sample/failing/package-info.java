/**
 * Throws on some events (or crashes), to show failure counting and crash handling.
 */
@NodeModule
package org.nodebus.sample.failing;

import org.nodebus.api.NodeModule;
