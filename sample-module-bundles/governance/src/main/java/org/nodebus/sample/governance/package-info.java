/**
 * Tallies votes on governance proposals and publishes a merge when a proposal passes.
 */
@NodeModule
package org.nodebus.sample.governance;

import org.nodebus.api.NodeModule;
