/** The NodeBus page of the Felix Web Console and the console's login. */
package org.nodebus.metrics.console;
