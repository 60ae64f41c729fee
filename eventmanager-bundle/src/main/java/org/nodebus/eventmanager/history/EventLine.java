package org.nodebus.eventmanager.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;

import org.nodebus.api.Event;
import org.nodebus.eventmanager.codec.PayloadCodec;

/** One event as one line of text: sequence, time, type, publisher and the payload's fields, long values cut. */
public final class EventLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    /** A longer value is cut, so a report does not fill the screen; a 64-digit hash shows its first 12. */
    static final int VALUE_MAX = 60;
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private EventLine() {
    }

    public static String of(Event event) {
        StringJoiner fields = new StringJoiner(" ");
        Map<String, Object> properties;
        try {
            properties = PayloadCodec.toProperties(event.payload());
        } catch (RuntimeException e) {
            properties = Map.of("payload", "(unreadable: " + e.getMessage() + ")");
        }
        properties.forEach((key, value) -> fields.add(key + "=" + cut(show(value))));
        String dropped = event.droppedBefore() > 0 ? " (history missed " + event.droppedBefore() + " before)" : "";
        return String.format("#%d %s %s from %s: %s%s", event.sequence(), TIME.format(event.timestamp()),
                event.type().eventName(), event.publisher(), fields, dropped);
    }

    private static String show(Object value) {
        if (value instanceof String[] array) {
            return String.join(",", array);
        }
        return String.valueOf(value);
    }

    private static String cut(String value) {
        if (HASH.matcher(value).matches()) {
            return value.substring(0, 12) + "...";
        }
        String flat = value.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= VALUE_MAX ? flat : flat.substring(0, VALUE_MAX - 3) + "...";
    }
}
