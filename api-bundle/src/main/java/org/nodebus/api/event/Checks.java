package org.nodebus.api.event;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Argument checks shared by the payload records; each message names record, field and value. */
final class Checks {
    /** Identifiers: module ids, peer addresses, proposal ids, versions. */
    static final int ID_MAX = 512;
    /** Free text: reasons, error messages. */
    static final int TEXT_MAX = 8_192;
    /** JSON documents carried in maintenance and health payloads. */
    static final int JSON_MAX = 1_048_576;

    private Checks() {
    }

    static <T> T notNull(String field, T value) {
        return Objects.requireNonNull(value, () -> field + " must not be null");
    }

    static long notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0 but was " + value);
        }
        return value;
    }

    static long positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0 but was " + value);
        }
        return value;
    }

    static double percent(String field, double value) {
        if (!(value >= 0.0 && value <= 100.0)) {
            throw new IllegalArgumentException(field + " must be a percentage within 0..100 but was " + value);
        }
        return value;
    }

    static String id(String field, String value) {
        return text(field, value, ID_MAX);
    }

    static String text(String field, String value) {
        return text(field, value, TEXT_MAX);
    }

    static String text(String field, String value, int max) {
        notNull(field, value);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank but was \"" + value + "\"");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max
                    + " characters but was " + value.length() + " characters long");
        }
        return value;
    }

    static Optional<String> optionalText(String field, Optional<String> value, int max) {
        notNull(field, value).ifPresent(v -> text(field, v, max));
        return value;
    }

    static <N extends Number> Optional<N> optionalNotNegative(String field, Optional<N> value) {
        notNull(field, value).ifPresent(v -> notNegative(field, v.longValue()));
        return value;
    }

    static List<String> ids(String field, List<String> values) {
        notNull(field, values);
        for (int i = 0; i < values.size(); i++) {
            id(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }
}
