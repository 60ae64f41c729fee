package org.nodebus.metrics.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the Web Console: the configured operator, by the login form (a browser, remembered in its
 * session) or by HTTP Basic authentication (curl and scripts). A browser that is not logged in gets the
 * form; anything else gets a 401 asking for Basic authentication.
 */
final class ConsoleLogin implements SecurityProvider {
    /** The form's fields and the marker that a POST is a login. */
    static final String LOGIN_FIELD = "nodebus_login";
    static final String USER_FIELD = "nodebus_username";
    static final String PASSWORD_FIELD = "nodebus_password";
    private static final String SESSION_USER = ConsoleLogin.class.getName() + ".user";
    private static final String REALM = "NodeBus Web Console";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLogin.class);

    private final Supplier<Credentials> credentials;

    ConsoleLogin(Supplier<Credentials> credentials) {
        this.credentials = credentials;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Credentials account = credentials.get();
        try {
            if (account == null) {
                // the account was just removed; the console stops in a moment
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "The Web Console has no account: set username and password in conf/org.nodebus.webconsole.cfg");
                return null;
            }
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                String[] pair = basic(header.substring(6).trim());
                if (pair != null && account.accepts(pair[0], pair[1])) {
                    return pair[0];
                }
                LOG.warn("Web Console: wrong user name or password (HTTP Basic) from {}", request.getRemoteAddr());
                askForBasic(response);
                return null;
            }
            HttpSession session = request.getSession(false);
            if (session != null && account.username().equals(session.getAttribute(SESSION_USER))) {
                return account.username();
            }
            if ("POST".equals(request.getMethod()) && request.getParameter(LOGIN_FIELD) != null) {
                String user = request.getParameter(USER_FIELD);
                if (account.accepts(user, request.getParameter(PASSWORD_FIELD))) {
                    request.getSession(true).setAttribute(SESSION_USER, account.username());
                    LOG.info("Web Console: {} logged in from {}", account.username(), request.getRemoteAddr());
                    // after the POST, the page itself, so a reload does not send the form again
                    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                    response.setHeader("Location", request.getRequestURI());
                    return null;
                }
                LOG.warn("Web Console: wrong user name or password for '{}' from {}", user, request.getRemoteAddr());
                showForm(request, response, "Wrong user name or password.");
                return null;
            }
            String accept = request.getHeader("Accept");
            if (accept != null && accept.contains("text/html")) {
                showForm(request, response, null);
            } else {
                askForBasic(response);
            }
            return null;
        } catch (IOException e) {
            LOG.debug("Web Console: the client went away during login", e);
            return null;
        }
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void askForBasic(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                "Log in with the user name and password of conf/org.nodebus.webconsole.cfg");
    }

    private static void showForm(HttpServletRequest request, HttpServletResponse response, String problem)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.print(LoginPage.html(request.getRequestURI(), problem));
        out.flush();
    }
}
