package org.nodebus.metrics.prometheus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
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
 * {@code GET /metrics}: the node's metrics in the Prometheus text format, through the HTTP Whiteboard (so on
 * whatever port Felix HTTP listens, and only once HTTP is turned on).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + MetricsServlet.PATH,
    "osgi.http.whiteboard.servlet.name=NodeBus Prometheus metrics"})
public final class MetricsServlet extends HttpServlet {
    /** Where Prometheus scrapes. */
    public static final String PATH = "/metrics";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    private final transient NodeReader reader;
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param monitor the EventManager's delivery monitor
     * @param eventManager the EventManager
     * @param context this bundle's context
     */
    @Activate
    public MetricsServlet(@Reference DeliveryMonitor monitor, @Reference EventManager eventManager,
            BundleContext context) {
        this.reader = new NodeReader(monitor, eventManager, context);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] text;
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
            writer.write(buffer, NodeBusMetrics.of(reader.read()));
            text = buffer.toByteArray();
        } catch (RuntimeException e) {
            LOG.warn("Metrics scrape from {} failed: {}", request.getRemoteAddr(), e.toString(), e);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "NodeBus could not read its metrics (" + e + "); see the node's log");
            return;
        }
        response.setContentType(writer.getContentType());
        response.setContentLength(text.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(text);
        }
    }
}
