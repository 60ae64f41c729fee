package org.nodebus.internal.module;

import org.nodebus.api.NodeModule;
import org.osgi.framework.Bundle;

/** What makes a bundle a module, decided in one place for the node's own bundles. */
public final class Modules {
    private Modules() {
    }

    /** Whether a bundle is a module: it carries the {@value NodeModule#HEADER} header, and not as "false". */
    public static boolean isModule(Bundle bundle) {
        String header = bundle.getHeaders("").get(NodeModule.HEADER);
        return header != null && !header.strip().equalsIgnoreCase("false");
    }
}
