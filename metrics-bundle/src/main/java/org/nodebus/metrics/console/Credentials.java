package org.nodebus.metrics.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The one operator account of the Web Console, from the configuration {@code org.nodebus.webconsole}.
 *
 * @param username the user name
 * @param password the password
 */
record Credentials(String username, String password) {

    Credentials {
        Objects.requireNonNull(username, "username must not be null");
        Objects.requireNonNull(password, "password must not be null");
    }

    /** Compares in time independent of where the first difference is, so timing tells nothing. */
    boolean accepts(String user, String secret) {
        if (user == null || secret == null) {
            return false;
        }
        boolean nameOk = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8));
        boolean secretOk = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
        return nameOk & secretOk;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
