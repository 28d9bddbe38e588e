package com.servicereview.scoring;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Where a field path such as {@code indicators[2].params.brackets[1].range} is in a scheme document, so that an editor
 * can point at the line of a problem. Jackson's tree keeps no positions, so the document is composed once more into
 * SnakeYAML's node graph, which does — only for a document with problems, read in linear time like every scheme
 * ({@link InMemoryYamlFactory.WholeTextReader}). A path whose end is missing (a required field that is absent) is
 * placed at the deepest entry that exists: the indicator, the mapping it belongs in.
 */
final class SchemeLocations {

    private static final Pattern STEP = Pattern.compile("\\[(\\d+)]|([^.\\[\\]]+)");
    private static final SchemeLocations NONE = new SchemeLocations(null);

    private final Node root;
    /**
     * Each mapping's entries by key, built once: a hostile document of 30,000 unknown keys has as many problems, and a
     * search of the mapping for each took minutes.
     */
    private final Map<MappingNode, Map<String, NodeTuple>> keys = new IdentityHashMap<>();

    private SchemeLocations(Node root) {
        this.root = root;
    }

    /** The document's node graph; none (every lookup null) when it cannot be composed. */
    static SchemeLocations of(String document) {
        if (document == null || document.isBlank()) return NONE;
        try {
            LoaderOptions options = new LoaderOptions();
            // Jackson has already refused duplicates; here a duplicate must not stop the lookup.
            options.setAllowDuplicateKeys(true);
            Composer composer = new Composer(
                    new ParserImpl(new InMemoryYamlFactory.WholeTextReader(document), options),
                    new Resolver(),
                    options);
            return new SchemeLocations(composer.getSingleNode());
        } catch (RuntimeException e) {
            // Anything SnakeYAML cannot compose was already reported, with Jackson's line, as the document's fault.
            return NONE;
        }
    }

    private Map<String, NodeTuple> keys(MappingNode map) {
        return keys.computeIfAbsent(map, m -> {
            Map<String, NodeTuple> byKey = new HashMap<>();
            for (NodeTuple entry : m.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key) byKey.putIfAbsent(key.getValue(), entry);
            }
            return byKey;
        });
    }

    /** {line, column}, both 1-based, of the path's deepest existing entry; null without a document or path. */
    int[] find(String path) {
        if (root == null) return null;
        Node node = root;
        Mark at = root.getStartMark();
        if (path != null) {
            Matcher steps = STEP.matcher(path);
            while (steps.find() && node != null) {
                Node next = null;
                Mark mark = null;
                if (steps.group(1) != null && node instanceof SequenceNode list) {
                    int index = Integer.parseInt(steps.group(1));
                    if (index < list.getValue().size()) {
                        next = list.getValue().get(index);
                        mark = next.getStartMark();
                    }
                } else if (steps.group(2) != null && node instanceof MappingNode map) {
                    NodeTuple entry = keys(map).get(steps.group(2));
                    if (entry != null) {
                        next = entry.getValueNode();
                        mark = entry.getKeyNode().getStartMark();
                    }
                }
                if (next == null) break;
                node = next;
                at = mark;
            }
        }
        return new int[] {at.getLine() + 1, at.getColumn() + 1};
    }
}
