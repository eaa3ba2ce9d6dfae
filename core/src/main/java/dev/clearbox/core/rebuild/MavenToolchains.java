package dev.clearbox.core.rebuild;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the JDK homes declared in a Maven toolchains file ({@code <toolchain><type>jdk</type>…<jdkHome>}). */
final class MavenToolchains {
    private static final long MAX_BYTES = 1 << 20;

    private MavenToolchains() {
    }

    /** The declared JDK homes; none when the file is missing, too large or not well-formed. */
    static List<Path> jdkHomes(Path file) {
        List<Path> homes = new ArrayList<>();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return homes;
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            Document doc = f.newDocumentBuilder().parse(file.toFile());
            NodeList chains = doc.getElementsByTagName("toolchain");
            for (int i = 0; i < chains.getLength(); i++) {
                Element chain = (Element) chains.item(i);
                if (!"jdk".equals(text(chain, "type"))) {
                    continue;
                }
                String home = text(chain, "jdkHome");
                if (home != null && !home.isBlank() && !home.contains("${")) {
                    homes.add(Path.of(home.strip()));
                }
            }
        } catch (Exception e) {
            // an unreadable toolchains file declares no JDK
        }
        return homes;
    }

    private static String text(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : list.item(0).getTextContent().strip();
    }
}
