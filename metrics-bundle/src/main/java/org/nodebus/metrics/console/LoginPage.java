package org.nodebus.metrics.console;

import org.owasp.encoder.Encode;

/** The Web Console's login form. */
final class LoginPage {
    private LoginPage() {
    }

    static String html(String action, String problem) {
        String message = problem == null ? ""
                : "<p id=\"login-problem\" style=\"color:#b00020\">" + Encode.forHtml(problem) + "</p>";
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>NodeBus: log in</title>
                <style>
                body{font-family:system-ui,sans-serif;background:#f4f5f7;display:flex;justify-content:center;margin-top:10vh}
                form{background:#fff;padding:2em 2.5em;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.15);min-width:18em}
                label{display:block;margin:.8em 0 .2em}input{width:100%%;padding:.4em;box-sizing:border-box}
                button{margin-top:1.2em;padding:.5em 1.5em}
                </style></head><body>
                <form method="post" action="%s">
                <h2>NodeBus Web Console</h2>%s
                <input type="hidden" name="%s" value="1">
                <label for="username">User name</label><input id="username" name="%s" autocomplete="username" autofocus>
                <label for="password">Password</label><input id="password" name="%s" type="password" autocomplete="current-password">
                <button id="login" type="submit">Log in</button>
                </form></body></html>
                """.formatted(Encode.forHtmlAttribute(action), message, ConsoleLogin.LOGIN_FIELD, ConsoleLogin.USER_FIELD,
                ConsoleLogin.PASSWORD_FIELD);
    }
}
