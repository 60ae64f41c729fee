package org.nodebus.janitor.deploy;

import java.io.File;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator about a {@code .jar} in a FileInstall folder (deploy/) that is not a bundle. FileInstall
 * asks its listeners in ranking order and keeps a file no listener takes in a silent retry list; this one
 * takes exactly those files, installs nothing and logs what was wrong and what to do. Ranked lowest, so
 * every other installer (configurations, bundles, third-party transformers) is asked first.
 */
@Component(service = ArtifactInstaller.class, property = Constants.SERVICE_RANKING + ":Integer=" + Integer.MIN_VALUE)
public final class DeployFolderReporter implements ArtifactInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderReporter.class);
    private static final String WHAT_TO_DO = "only OSGi bundles (a .jar whose META-INF/MANIFEST.MF has a "
            + "Bundle-SymbolicName) and configurations (.cfg) are deployed from this folder: remove the file, or "
            + "build it as a bundle (for a node module: with a NodeBus-Module header) and drop that in its place";

    @Override
    public boolean canHandle(File artifact) {
        return NonBundleArtifact.reason(artifact).isPresent();
    }

    @Override
    public void install(File artifact) {
        report(artifact, "not installed");
    }

    @Override
    public void update(File artifact) {
        report(artifact, "changed but still not installed");
    }

    @Override
    public void uninstall(File artifact) {
        if (!artifact.isFile()) {
            LOG.info("{} was removed", artifact);
            return;
        }
        // Replaced by a bundle under the same name: FileInstall has already recorded this version of the file
        // as seen, so it would never install it. A newer modification time makes it look at the file again.
        boolean handedBack = artifact.setLastModified(Math.max(System.currentTimeMillis(), artifact.lastModified() + 1000));
        if (handedBack) {
            LOG.info("{} is a bundle now; FileInstall installs it at its next scan", artifact);
        } else {
            LOG.warn("{} is a bundle now, but its modification time cannot be changed, so FileInstall may not notice it: "
                    + "move it out of the folder and back in", artifact);
        }
    }

    private static void report(File artifact, String what) {
        NonBundleArtifact.reason(artifact).ifPresent(reason -> LOG.error("{} {}: {}; {}", artifact, what, reason, WHAT_TO_DO));
    }
}
