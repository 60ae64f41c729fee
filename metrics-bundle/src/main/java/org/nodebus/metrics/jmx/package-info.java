/** The node's JMX MBeans: one per module and one for the node, in the platform MBean server. */
package org.nodebus.metrics.jmx;
