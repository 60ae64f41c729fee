package org.nodebus.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the metatype document bnd writes from an {@code @ObjectClassDefinition} into
 * {@code OSGI-INF/metatype/<pid>.xml}: the annotation stays the one source of keys, defaults, ranges
 * and descriptions (its own retention does not reach the running code).
 */
public final class MetatypeXml {
    private MetatypeXml() {
    }

    static List<Attribute> read(Class<?> type, String pid) {
        String path = "OSGI-INF/metatype/" + pid + ".xml";
        URL url = type.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is missing beside " + type.getName()
                    + "; bnd writes it from the @ObjectClassDefinition (build with mvn)");
        }
        return read(url);
    }

    /**
     * @param url a metatype document, e.g. a bundle's {@code OSGI-INF/metatype/<pid>.xml} entry
     * @return its attribute definitions, in document order
     * @throws IllegalStateException if it cannot be read
     */
    public static List<Attribute> read(URL url) {
        String path = url.toString();
        try (InputStream in = url.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            NodeList ads = factory.newDocumentBuilder().parse(in).getElementsByTagName("AD");
            List<Attribute> attributes = new ArrayList<>();
            for (int i = 0; i < ads.getLength(); i++) {
                attributes.add(attribute((Element) ads.item(i)));
            }
            return List.copyOf(attributes);
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Attribute attribute(Element ad) {
        String cardinality = ad.getAttribute("cardinality");
        boolean multiple = !cardinality.isEmpty() && Integer.parseInt(cardinality) != 0;
        List<String> defaults = ad.hasAttribute("default") ? values(ad.getAttribute("default"), multiple) : List.of();
        List<String> options = new ArrayList<>();
        NodeList nodes = ad.getElementsByTagName("Option");
        for (int i = 0; i < nodes.getLength(); i++) {
            options.add(((Element) nodes.item(i)).getAttribute("value"));
        }
        return new Attribute(ad.getAttribute("id"), ad.getAttribute("type"), multiple,
                !"false".equals(ad.getAttribute("required")), optional(ad, "min"), optional(ad, "max"), defaults,
                options, ad.getAttribute("name"), ad.getAttribute("description"));
    }

    /** A multi-valued default is comma-separated (metatype 105.7.6; our defaults hold no escaped commas). */
    private static List<String> values(String text, boolean multiple) {
        if (!multiple) {
            return List.of(text);
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<String> optional(Element ad, String name) {
        return ad.hasAttribute(name) ? Optional.of(ad.getAttribute(name)) : Optional.empty();
    }
}
