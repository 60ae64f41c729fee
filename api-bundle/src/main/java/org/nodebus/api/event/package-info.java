/**
 * The event vocabulary of NodeBus: every {@link org.nodebus.api.event.EventType}, the sealed
 * {@link org.nodebus.api.event.EventPayload} with one record per type, and the closed vocabularies
 * (enums) and value types those records are made of.
 *
 * <p>Every record checks its arguments when it is built: no {@code null}s, no negative counts or
 * durations, percentages within 0..100, texts neither blank nor oversized. A bad argument fails at
 * once with an {@link IllegalArgumentException} (or {@link NullPointerException}) whose message names
 * the record, the field and the value, so a bad event never reaches a subscriber.
 */
@Export
@Version("1.1.0")
package org.nodebus.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
