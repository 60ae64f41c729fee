package org.nodebus.metrics.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonObject;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.nodebus.api.EventManager;
import org.nodebus.eventmanager.spi.DeliveryMonitor;
import org.nodebus.metrics.view.NodeReader;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NodeBus page of the Felix Web Console ({@code /system/console/nodebus}): the modules with their
 * health, queue and counts, refreshed every second by a script that polls {@code nodebus/data.json}, and a
 * reset button per module ({@code POST nodebus/reset.json}, which needs the header the page's script sends,
 * so another site cannot make a logged-in browser reset anything).
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + NodeBusPlugin.LABEL,
    "felix.webconsole.title=NodeBus",
    "felix.webconsole.category=NodeBus"})
public final class NodeBusPlugin extends HttpServlet {
    /** The page's address under the console: {@code /system/console/nodebus}. */
    public static final String LABEL = "nodebus";
    /** The header a reset must carry, and its value. */
    public static final String REQUEST_HEADER = "X-NodeBus-Request";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NodeBusPlugin.class);

    private final transient NodeReader reader;
    private final String page;

    /**
     * @param monitor the EventManager's delivery monitor
     * @param eventManager the EventManager
     * @param context this bundle's context
     */
    @Activate
    public NodeBusPlugin(@Reference DeliveryMonitor monitor, @Reference EventManager eventManager,
            BundleContext context) {
        this.reader = new NodeReader(monitor, eventManager, context);
        this.page = resource("nodebus-page.html");
    }

    private static String resource(String name) {
        try (InputStream in = NodeBusPlugin.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The bundle lacks its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.endsWith("/data.json")) {
            JsonObject data;
            try {
                data = PageData.of(reader.read());
            } catch (RuntimeException e) {
                LOG.warn("Web Console: reading the node failed: {}", e.toString(), e);
                json(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                        error("NodeBus could not read the node (" + e + "); see the node's log"));
                return;
            }
            json(response, HttpServletResponse.SC_OK, data);
            return;
        }
        // the console draws its header and footer around this
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().print(page);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!path.endsWith("/reset.json")) {
            json(response, HttpServletResponse.SC_NOT_FOUND, error("No such NodeBus action: " + path));
            return;
        }
        if (!"reset".equals(request.getHeader(REQUEST_HEADER))) {
            json(response, HttpServletResponse.SC_FORBIDDEN,
                    error("A reset needs the header " + REQUEST_HEADER + ": reset (the page's button sends it)"));
            return;
        }
        String module = request.getParameter("module");
        if (module == null || module.isBlank()) {
            json(response, HttpServletResponse.SC_BAD_REQUEST, error("Which module? Send module=<moduleId>"));
            return;
        }
        if (!reader.resetStatistics(module)) {
            json(response, HttpServletResponse.SC_NOT_FOUND,
                    error("No module " + module + " has subscribed; see the list on the page"));
            return;
        }
        JsonObject ok = new JsonObject();
        ok.addProperty("reset", module);
        json(response, HttpServletResponse.SC_OK, ok);
    }

    private static JsonObject error(String message) {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        return error;
    }

    private static void json(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().print(body.toString());
    }
}
