/**
 * The services and types a NodeBus module codes against.
 *
 * <ul>
 * <li>Mark a bundle as a module with {@link org.nodebus.api.NodeModule @NodeModule} (on any class or on a
 * {@code package-info}); bnd then writes the {@code NodeBus-Module} manifest header.</li>
 * <li>Receive events by registering an {@link org.nodebus.api.EventSubscriber} service with
 * {@link org.nodebus.api.SubscribeTo @SubscribeTo}, or programmatically through
 * {@link org.nodebus.api.EventManager#subscribe}.</li>
 * <li>Publish with {@link org.nodebus.api.EventPublisher}.</li>
 * <li>Watch delivery with {@link org.nodebus.api.EventManager#getDeliveryStats}.</li>
 * </ul>
 *
 * <p>Delivery is at most once, best effort, in publish order per module, with no order across modules.
 * Each module has one bounded queue; when it is full, further events for that module are dropped and
 * counted (critical events excepted), and the next delivered {@link org.nodebus.api.Event} says how many
 * were missed.
 */
@Export
@Version("1.2.0")
package org.nodebus.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
