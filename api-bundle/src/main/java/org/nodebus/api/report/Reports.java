package org.nodebus.api.report;

import java.io.IOException;
import java.util.Arrays;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The JSON form of the reports, written and read by Gson, so the node that writes a report and the
 * module that reads it agree on one format. Reading refuses, with an {@link IllegalArgumentException}
 * that says what was wrong, text that is no JSON, a wrong type, a missing text or map, an unknown health
 * or outcome and a negative count; a missing number reads as 0, and fields it does not know are ignored
 * (so a newer node's report still reads).
 */
public final class Reports {
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(ModuleOutcome.class, new OutcomeAdapter().nullSafe())
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .create();

    private Reports() {
    }

    /**
     * @param report a health report
     * @return its JSON, e.g. {@code {"nodeHealthy":true,"modules":{"org.example.indexer":{"version":"1.0.0",
     *         "health":"HEALTHY","successful":12,"failed":0,"channelFull":0,"queued":0}}}}
     */
    public static String toJson(HealthReport report) {
        return GSON.toJson(report);
    }

    /**
     * @param results the results of a maintenance run
     * @return its JSON, e.g. {@code {"reason":"PERIODIC","targetAgeDays":30,"modules":{"org.example.indexer":"handled"}}}
     */
    public static String toJson(MaintenanceResults results) {
        return GSON.toJson(results);
    }

    /**
     * @param json the JSON of a health report
     * @return the report
     * @throws IllegalArgumentException if the text is not a health report; the message says why
     */
    public static HealthReport healthReport(String json) {
        return read(json, HealthReport.class, "a health report");
    }

    /**
     * @param json the JSON of maintenance results
     * @return the results
     * @throws IllegalArgumentException if the text is not maintenance results; the message says why
     */
    public static MaintenanceResults maintenanceResults(String json) {
        return read(json, MaintenanceResults.class, "maintenance results");
    }

    private static <T> T read(String json, Class<T> type, String what) {
        T value;
        try {
            value = GSON.fromJson(json, type);
        } catch (RuntimeException e) {
            // bad syntax, a wrong type, or a record's refusal of a missing field (which Gson wraps)
            throw new IllegalArgumentException("not " + what + ": " + reason(e), e);
        }
        if (value == null) {
            throw new IllegalArgumentException("not " + what + ": the text is empty or null");
        }
        return value;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.toString();
        // Gson appends advice on its own API ("Use JsonReader.setStrictness...", "See https://..."): not for our users
        int advice = message.indexOf("\nSee https://");
        message = advice >= 0 ? message.substring(0, advice) : message;
        return message.replaceAll("Use JsonReader\\.setStrictness\\([^)]*\\) to accept malformed JSON", "malformed JSON")
                .strip();
    }

    /** An outcome is written as its label ("timed out"), the form the node has always written. */
    private static final class OutcomeAdapter extends TypeAdapter<ModuleOutcome> {
        @Override
        public void write(JsonWriter out, ModuleOutcome value) throws IOException {
            out.value(value.label());
        }

        @Override
        public ModuleOutcome read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw new JsonParseException("a module's outcome must be a text at " + in.getPath());
            }
            String label = in.nextString();
            return Arrays.stream(ModuleOutcome.values()).filter(o -> o.label().equals(label)).findFirst()
                    .orElseThrow(() -> new JsonParseException("unknown module outcome \"" + label + "\" at "
                            + in.getPath() + "; one of: handled, failed, dropped, timed out"));
        }
    }
}
