package org.nodebus.eventmanager.filter;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.nodebus.api.event.EventPayload;
import org.nodebus.api.event.EventType;
import org.nodebus.eventmanager.codec.PayloadCodec;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/**
 * A subscriber's LDAP filter over the payload's fields, checked against the types it subscribes to: it
 * parses, every field it names is a field of at least one of them, and every value it compares a field
 * with is one of that field's values. A filter that only parses would silently match nothing when a field
 * is misspelt; this one is refused with the reason instead.
 *
 * <p>The fields are those {@link PayloadCodec#fields} reads (the names and types the EventAdmin bridge
 * posts): numbers compare as numbers, enums as their constant names, hashes as lower-case hex, text as
 * text with {@code *} patterns, lists element by element.
 */
public final class PayloadFilter {
    /** One comparison of a (syntactically valid) filter: attribute, operator, value up to the closing parenthesis. */
    private static final Pattern COMPARISON = Pattern.compile("\\(\\s*([^()=<>~&|!]+?)\\s*(<=|>=|~=|=)((?:\\\\.|[^()\\\\])*)\\)");
    private static final String EXAMPLE = "(&(messageType=inv)(messageSize>=1000))";

    private final String text;
    private final Filter filter;

    private PayloadFilter(String text, Filter filter) {
        this.text = text;
        this.filter = filter;
    }

    /**
     * Parses and checks a filter.
     *
     * @param text the filter
     * @param types the event types it will see
     * @return the filter
     * @throws IllegalArgumentException saying what is wrong, with the filter's text
     */
    public static PayloadFilter parse(String text, Set<EventType> types) {
        String trimmed = text.strip();
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter(trimmed);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("filter " + trimmed + " is no LDAP filter: " + e.getMessage()
                    + "; write one such as " + EXAMPLE);
        }
        Matcher m = COMPARISON.matcher(trimmed);
        while (m.find()) {
            check(trimmed, m.group(1).strip(), m.group(2), m.group(3), types);
        }
        return new PayloadFilter(trimmed, filter);
    }

    private static void check(String text, String field, String operator, String value, Set<EventType> types) {
        List<EventType> having = new ArrayList<>();
        for (EventType type : types) {
            if (PayloadCodec.fieldType(type, field).isPresent()) {
                having.add(type);
            }
        }
        if (having.isEmpty()) {
            throw new IllegalArgumentException("filter " + text + " names the field '" + field + "', which none of "
                    + names(types) + " has; their fields are " + types.stream().sorted()
                            .map(t -> t.eventName() + ": " + String.join(", ", PayloadCodec.fieldNames(t)))
                            .collect(Collectors.joining("; ")));
        }
        if (operator.equals("~=") || (operator.equals("=") && value.equals("*"))) {
            return; // approximate match and presence apply to every field
        }
        boolean pattern = operator.equals("=") && unescapedStar(value);
        for (EventType type : having) {
            Type valueType = PayloadCodec.fieldType(type, field).orElseThrow();
            if (pattern) {
                if (PayloadCodec.isNumber(valueType)) {
                    throw new IllegalArgumentException("filter " + text + ": " + type.eventName() + "." + field
                            + " is a number, which a * pattern does not apply to; compare it with =, <= or >=");
                }
                continue;
            }
            try {
                PayloadCodec.checkValue(type, field, PayloadCodec.isNumber(valueType) ? unescape(value).strip()
                        : unescape(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("filter " + text + ": " + e.getMessage());
            }
        }
    }

    private static boolean unescapedStar(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String names(Set<EventType> types) {
        return types.stream().sorted().map(EventType::eventName).collect(Collectors.joining(", "));
    }

    /**
     * Checks the filter against types the subscriber wants now (its types changed).
     *
     * @param types the new types
     * @return this filter, if it still applies
     * @throws IllegalArgumentException as {@link #parse} does
     */
    public PayloadFilter recheck(Set<EventType> types) {
        return parse(text, types);
    }

    /** Whether a payload's fields match. */
    public boolean matches(EventPayload payload) {
        return filter.matches(PayloadCodec.fields(payload));
    }

    /** Whether fields read once for every filter of an event match. */
    public boolean matches(Map<String, ?> fields) {
        return filter.matches(fields);
    }

    /** The filter as written (trimmed). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
