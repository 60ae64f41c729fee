package org.nodebus.janitor.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonBundleArtifactTest {
    @TempDir
    Path dir;

    @Test
    void aBundleAndFilesThatAreNotJarsAreLeftToOthers() throws IOException {
        assertEquals(Optional.empty(), NonBundleArtifact.reason(jar("module.jar", "org.example.module").toFile()));
        Path cfg = Files.writeString(dir.resolve("org.nodebus.eventmanager.cfg"), "buffer.size = 7\n");
        assertEquals(Optional.empty(), NonBundleArtifact.reason(cfg.toFile()));
        assertEquals(Optional.empty(), NonBundleArtifact.reason(dir.resolve("missing.jar").toFile()));
    }

    @Test
    void aTextFileNamedJarIsNotAReadableJar() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jar"), "this is not a jar\n");
        String reason = NonBundleArtifact.reason(text.toFile()).orElseThrow();
        assertTrue(reason.startsWith("it is not a readable jar"), reason);
    }

    @Test
    void aZipWithoutManifestSaysSo() throws IOException {
        Path zip = dir.resolve("plain.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("hello.txt"));
            out.write("hello".getBytes());
        }
        assertEquals(Optional.of("it has no META-INF/MANIFEST.MF"), NonBundleArtifact.reason(zip.toFile()));
    }

    @Test
    void aLibraryJarWithoutSymbolicNameSaysWhichHeaderIsMissing() throws IOException {
        String reason = NonBundleArtifact.reason(jar("library.jar", null).toFile()).orElseThrow();
        assertTrue(reason.contains("no Bundle-SymbolicName header"), reason);
    }

    private Path jar(String name, String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("x".getBytes());
        }
        return jar;
    }
}
