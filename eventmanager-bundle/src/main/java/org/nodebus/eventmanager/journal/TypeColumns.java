package org.nodebus.eventmanager.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nodebus.api.event.EventType;

/**
 * Where each event type's count sits in the journal's per-batch arrays. The columns are the type names in
 * the order the journal first saw them, kept in the journal itself and only ever appended to, so a journal
 * stays readable when a later API adds or reorders types.
 */
final class TypeColumns {
    private final List<String> names;
    /** By current type ordinal: its column. */
    private final int[] column;

    /** @param stored the names kept in the journal, comma-separated, or empty for a new journal */
    TypeColumns(String stored) {
        names = new ArrayList<>(stored.isEmpty() ? List.of() : Arrays.asList(stored.split(",")));
        column = new int[EventType.values().length];
        for (EventType type : EventType.values()) {
            int at = names.indexOf(type.name());
            if (at < 0) {
                at = names.size();
                names.add(type.name());
            }
            column[type.ordinal()] = at;
        }
    }

    /** What to keep in the journal. */
    String stored() {
        return String.join(",", names);
    }

    int width() {
        return names.size();
    }

    /** A per-type array by current ordinal, in columns. */
    long[] toColumns(long[] byOrdinal) {
        long[] out = new long[width()];
        for (int t = 0; t < byOrdinal.length; t++) {
            out[column[t]] = byOrdinal[t];
        }
        return out;
    }

    /** Columns (perhaps fewer, written before a type was added) back to current ordinals. */
    long[] fromColumns(long[] columns, int offset, int count) {
        long[] out = new long[column.length];
        for (int t = 0; t < out.length; t++) {
            int c = column[t];
            out[t] = c < count ? columns[offset + c] : 0;
        }
        return out;
    }
}
