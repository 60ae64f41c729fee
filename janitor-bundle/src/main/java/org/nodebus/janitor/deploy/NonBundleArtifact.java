package org.nodebus.janitor.deploy;

import java.io.File;
import java.io.IOException;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Why a {@code .jar} file cannot be installed as a bundle, if it cannot: FileInstall silently skips such a
 * file, so the operator is never told why the module they dropped into deploy/ did not appear.
 */
final class NonBundleArtifact {
    private NonBundleArtifact() {
    }

    /** Empty when the file is a bundle FileInstall will install, or not a .jar at all. */
    static Optional<String> reason(File file) {
        if (!file.getName().endsWith(".jar") || !file.isFile()) {
            return Optional.empty();
        }
        if (!file.canRead()) {
            return Optional.of("it cannot be read (check its permissions)");
        }
        try (JarFile jar = new JarFile(file)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return Optional.of("it has no META-INF/MANIFEST.MF");
            }
            String name = manifest.getMainAttributes().getValue(new Attributes.Name("Bundle-SymbolicName"));
            if (name == null || name.isBlank()) {
                return Optional.of("its manifest has no Bundle-SymbolicName header (a plain library jar, not a bundle)");
            }
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("it is not a readable jar (" + e.getMessage() + ")");
        }
    }
}
