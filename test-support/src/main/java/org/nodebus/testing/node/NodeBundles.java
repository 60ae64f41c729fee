package org.nodebus.testing.node;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The bundle set of a test framework. The build copies the jars by plain artifact id into
 * {@code target/bundles} (the {@code node-bundles} execution in the parent pom's pluginManagement).
 */
public final class NodeBundles {
    /**
     * Logging, Declarative Services, ConfigAdmin, EventAdmin, Gogo, Gson and H2 (the journal of durable
     * subscriptions): what the EventManager runs on.
     */
    public static final List<String> CONTAINER = List.of("pax-logging-api", "org.osgi.util.function",
            "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr",
            "org.apache.felix.configadmin", "org.apache.felix.eventadmin", "org.apache.felix.gogo.runtime", "gson",
            "h2");

    private NodeBundles() {
    }

    /**
     * @param dir the folder the build copied the bundles into
     * @return the container's bundle jars, in install order
     * @throws IllegalStateException if one is missing, naming it and what to run
     */
    public static List<File> container(File dir) {
        List<File> jars = new ArrayList<>();
        for (String name : CONTAINER) {
            jars.add(jar(dir, name));
        }
        return List.copyOf(jars);
    }

    /** One jar of the folder, by artifact id. */
    public static File jar(File dir, String artifactId) {
        File jar = new File(dir, artifactId + ".jar");
        if (!jar.isFile()) {
            throw new IllegalStateException(jar.getAbsolutePath() + " is missing; build through Maven (mvn verify)");
        }
        return jar;
    }

    /**
     * The API's packages as the system bundle exports them when the API comes from the class path, e.g.
     * {@code org.nodebus.api;version="1.2.0",org.nodebus.api.event;version="1.1.0"}: the versions are the
     * API bundle's own, so no test states them again.
     *
     * @param apiBundle the API bundle's jar (or its classes folder with the manifest bnd wrote)
     */
    public static String apiPackages(File apiBundle) {
        String exports = manifest(apiBundle).getMainAttributes().getValue("Export-Package");
        if (exports == null) {
            throw new IllegalStateException(apiBundle + " has no Export-Package: it is no NodeBus API bundle");
        }
        return clauses(exports).stream().map(NodeBundles::packageAndVersion).collect(Collectors.joining(","));
    }

    private static Manifest manifest(File bundle) {
        try {
            if (bundle.isDirectory()) {
                try (InputStream in = Files.newInputStream(bundle.toPath().resolve("META-INF/MANIFEST.MF"))) {
                    return new Manifest(in);
                }
            }
            try (JarFile jar = new JarFile(bundle)) {
                return jar.getManifest();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + bundle, e);
        }
    }

    /** Splits a manifest header at the commas that are not inside quotes. */
    static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().strip());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString().strip());
        return clauses;
    }

    /** A clause without its directives: the uses constraints name packages the system bundle also exports. */
    private static String packageAndVersion(String clause) {
        String[] parts = clause.split(";");
        StringBuilder out = new StringBuilder(parts[0].strip());
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].strip().startsWith("version=")) {
                out.append(';').append(parts[i].strip());
            }
        }
        return out.toString();
    }
}
