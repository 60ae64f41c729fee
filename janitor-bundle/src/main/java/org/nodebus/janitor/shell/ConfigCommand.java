package org.nodebus.janitor.shell;

import java.io.IOException;
import java.net.URL;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.nodebus.internal.config.Attribute;
import org.nodebus.internal.config.ConfigSchema;
import org.nodebus.internal.config.MetatypeXml;
import org.nodebus.internal.shell.CommandRefused;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code nodebus:config}: every setting of the node's PIDs with its value, default, range and description
 * (from the metatype the bundles carry), and {@code set}, which checks a value against that metatype and
 * applies it through ConfigAdmin. FileInstall writes a change of a configuration that came from a
 * {@code conf/*.cfg} file back into that file, so the shell and the file never disagree.
 */
public final class ConfigCommand {
    /** The command names. */
    public static final String[] FUNCTIONS = {"config"};
    /** The PIDs the command covers, in the order it lists them. */
    static final List<String> PIDS = List.of("org.nodebus.eventmanager", "org.nodebus.janitor");

    private final BundleContext context;
    private final ConfigurationAdmin admin;

    public ConfigCommand(BundleContext context, ConfigurationAdmin admin) {
        this.context = context;
        this.admin = admin;
    }

    @Descriptor("the node's settings with value, default, valid range and description; config set <key> <value> "
            + "changes one at run time and keeps it in conf/<pid>.cfg")
    public String config(@Descriptor("nothing to list; set <key> <value> to change one; <key> to show one")
            String... args) throws IOException, InvalidSyntaxException {
        Map<String, List<Attribute>> schemas = schemas();
        if (args.length == 0) {
            return list(schemas, null);
        }
        if (!args[0].equals("set")) {
            if (args.length > 1) {
                throw new CommandRefused("usage: nodebus:config [<key> | set <key> <value>]; '" + args[0]
                        + "' is no subcommand");
            }
            find(schemas, args[0]);
            return list(schemas, args[0]);
        }
        if (args.length < 3) {
            throw new CommandRefused("usage: nodebus:config set <key> <value>, e.g. nodebus:config set "
                    + "buffer.size 500");
        }
        String key = args[1];
        String text = String.join(" ", java.util.Arrays.copyOfRange(args, 2, args.length));
        Map.Entry<String, Attribute> found = find(schemas, key);
        Attribute attribute = found.getValue();
        Object value;
        try {
            value = attribute.convert(text);
        } catch (RuntimeException e) {
            throw new CommandRefused(key + "=" + text + " refused: must be " + attribute.valid()
                    + "; nothing changed");
        }
        // the existing configuration if there is one (a "?" location matches any), else a new one
        Configuration configuration = admin.getConfiguration(found.getKey(), "?");
        Dictionary<String, Object> properties = configuration.getProperties() != null ? configuration.getProperties()
                : new Hashtable<>();
        // as text, as a .cfg file has it: FileInstall writes the change back as key = value, not typed
        properties.put(key, text(value));
        configuration.update(properties);
        Object file = properties.get("felix.fileinstall.filename");
        return found.getKey() + ": " + key + " = " + text(value) + " applied"
                + (file != null ? " and kept in " + file : " (no conf/" + found.getKey() + ".cfg: it lasts until the "
                        + "node's configuration is wiped)");
    }

    private Map.Entry<String, Attribute> find(Map<String, List<Attribute>> schemas, String key) {
        for (Map.Entry<String, List<Attribute>> schema : schemas.entrySet()) {
            for (Attribute a : schema.getValue()) {
                if (a.key().equals(key)) {
                    return Map.entry(schema.getKey(), a);
                }
            }
        }
        throw new CommandRefused("No setting '" + key + "'; the settings are: " + schemas.values().stream()
                .flatMap(List::stream).map(Attribute::key).collect(Collectors.joining(", ")));
    }

    private String list(Map<String, List<Attribute>> schemas, String only) throws IOException, InvalidSyntaxException {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Attribute>> schema : schemas.entrySet()) {
            Dictionary<String, Object> current = existing(schema.getKey()).map(Configuration::getProperties).orElse(null);
            StringBuilder section = new StringBuilder();
            for (Attribute a : schema.getValue()) {
                if (only != null && !a.key().equals(only)) {
                    continue;
                }
                Object value = current == null ? null : current.get(a.key());
                section.append(String.format("  %-30s %-22s default %-20s %s%n", a.key(),
                        value == null ? "(default)" : text(value),
                        a.defaults().isEmpty() ? "(computed)" : String.join(",", a.defaults()), a.valid()));
                section.append("      ").append(a.description().isEmpty() ? a.name() : a.description())
                        .append(System.lineSeparator());
            }
            if (section.length() > 0) {
                out.append(schema.getKey()).append(System.lineSeparator()).append(section);
            }
        }
        return out.toString().stripTrailing();
    }

    /** Each PID's settings, read from the metatype of the bundle that declares it. */
    private Map<String, List<Attribute>> schemas() {
        Map<String, List<Attribute>> schemas = new LinkedHashMap<>();
        for (String pid : PIDS) {
            metatype(pid).ifPresent(url -> schemas.put(pid, MetatypeXml.read(url)));
        }
        if (schemas.isEmpty()) {
            throw new IllegalStateException("no bundle declares the metatype of " + PIDS + "; is the EventManager installed?");
        }
        return schemas;
    }

    private Optional<URL> metatype(String pid) {
        for (Bundle bundle : context.getBundles()) {
            URL entry = bundle.getEntry("OSGI-INF/metatype/" + pid + ".xml");
            if (entry != null) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The PID's configuration if it has one; listing does not create one, as getConfiguration would. */
    private Optional<Configuration> existing(String pid) throws IOException, InvalidSyntaxException {
        Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
        return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    /** A value as a .cfg line has it: a list comma-separated. */
    private static String text(Object value) {
        return value.getClass().isArray() ? String.join(",", ConfigSchema.strings(value)) : String.valueOf(value);
    }
}
