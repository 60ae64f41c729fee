/**
 * Publishes chain and network events at a configurable rate, so the node visibly lives.
 */
@NodeModule
package org.nodebus.sample.node;

import org.nodebus.api.NodeModule;
