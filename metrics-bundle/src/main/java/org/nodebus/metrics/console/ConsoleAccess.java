package org.nodebus.metrics.console;

import java.util.Hashtable;
import java.util.Map;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.nodebus.internal.config.ConfigSchema;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the Web Console. The node's framework property {@code felix.webconsole.security.providers=nodebus}
 * makes the console wait for a security provider of id {@code nodebus}; this component registers it only
 * while a user name and a password are configured, so a node without them has no console at all (and no
 * admin/admin), and says in the log what to set.
 */
@Component(configurationPid = ConsoleAccess.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {})
@Designate(ocd = ConsoleAccess.Config.class)
public final class ConsoleAccess {
    /** The configuration of the console's account. */
    public static final String PID = "org.nodebus.webconsole";
    /** The id the node's {@code felix.webconsole.security.providers} names. */
    public static final String PROVIDER_ID = "nodebus";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAccess.class);
    private static final ConfigSchema<Config> SCHEMA = ConfigSchema.of(Config.class, PID);

    /** The operator account of the Web Console. */
    @ObjectClassDefinition(id = PID, name = "NodeBus Web Console",
            description = "The account that may use the Felix Web Console (/system/console). Without both, the console does not start.")
    public @interface Config {
        /** @return the user name */
        @AttributeDefinition(name = "User name", description = "The operator's user name; empty: no console")
        String username() default "";

        /** @return the password */
        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "The operator's password; empty: no console. Keep conf/ readable by the node's user only.")
        String password() default "";
    }

    private final BundleContext context;
    private volatile Credentials credentials;
    private ServiceRegistration<SecurityProvider> registration;

    /**
     * @param context this bundle's context
     * @param properties the configuration
     */
    @Activate
    public ConsoleAccess(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        apply(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    // SCR calls activate, modified and deactivate one at a time: the registration needs no lock
    private void apply(Map<String, Object> properties) {
        Config config = SCHEMA.read(properties, SCHEMA.defaults(),
                problem -> LOG.warn("Configuration {}: {}", PID, problem)).typed();
        String username = config.username().strip();
        String password = config.password();
        if (username.isEmpty() || password.isEmpty()) {
            if (registration != null) {
                registration.unregister();
                registration = null;
            }
            credentials = null;
            LOG.warn("Web Console is off: no account is configured. Set username and password in "
                    + "conf/{}.cfg and it starts at /system/console within seconds (HTTP must be on: "
                    + "org.apache.felix.http.enable=true in conf/org.apache.felix.http.cfg)", PID);
            return;
        }
        credentials = new Credentials(username, password);
        if (registration == null) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(SecurityProvider.PROPERTY_ID, PROVIDER_ID);
            props.put(Constants.SERVICE_RANKING, 1000);
            registration = context.registerService(SecurityProvider.class, new ConsoleLogin(() -> credentials),
                    props);
            LOG.info("Web Console: account {} may log in at /system/console", username);
        } else {
            LOG.info("Web Console: the account is now {}", username);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
