/** What the operator tools read: the delivery snapshot and the node's facts beside it. */
package org.nodebus.metrics.view;
