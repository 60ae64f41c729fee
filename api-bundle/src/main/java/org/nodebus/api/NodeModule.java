package org.nodebus.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;

/**
 * Marks the bundle that contains the annotated type or package as a NodeBus module: bnd writes the
 * {@value #HEADER} manifest header, and the runtime then tracks the bundle as a module (ModuleLoaded,
 * ModuleUnloaded, delivery statistics under its Bundle-SymbolicName). Put it once per bundle, for
 * example on a {@code package-info.java}.
 *
 * <p>A bundle without the header is infrastructure: it may still subscribe and publish, but it produces
 * no module lifecycle events.
 */
@Header(name = NodeModule.HEADER, value = "true")
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface NodeModule {

    /** The manifest header that makes a bundle a module. */
    String HEADER = "NodeBus-Module";

    /**
     * The framework property naming the node's data folder. A module keeps its data in
     * {@code <folder>/<its module id>}; the folder is relative to the node's working directory.
     */
    String DATA_DIR_PROPERTY = "nodebus.data.dir";
}
