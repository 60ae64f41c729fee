/** The node's Prometheus metrics and the {@code /metrics} endpoint that serves them. */
package org.nodebus.metrics.prometheus;
