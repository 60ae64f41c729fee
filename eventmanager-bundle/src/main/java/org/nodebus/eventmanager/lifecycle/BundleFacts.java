package org.nodebus.eventmanager.lifecycle;

/**
 * What the lifecycle needs to know of a bundle, read from the framework before the publish lock is taken.
 *
 * @param bundleId its id
 * @param moduleId its symbolic name
 * @param version its version
 * @param module whether it is a module bundle (it has the module header)
 * @param impostor whether an older installed bundle has the same symbolic name
 * @param components whether it declares Declarative Services components (a Service-Component header)
 */
record BundleFacts(long bundleId, String moduleId, String version, boolean module, boolean impostor,
        boolean components) {
}
