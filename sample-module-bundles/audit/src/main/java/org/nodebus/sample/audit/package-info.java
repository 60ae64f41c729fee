/**
 * Keeps an audit trail of every block through a durable subscription.
 */
@NodeModule
package org.nodebus.sample.audit;

import org.nodebus.api.NodeModule;
