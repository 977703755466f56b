package io.emailengine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Consumer;

/** Edits a golden sample at a dotted path, to build invalid or extended variants of it. */
final class JsonEdits {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonEdits() {
    }

    static JsonNode tree(EventType type) {
        try {
            return MAPPER.readTree(Golden.json(type));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String edit(EventType type, String parentPath, Consumer<ObjectNode> change) {
        JsonNode root = tree(type);
        change.accept(objectAt(root, parentPath));
        return root.toString();
    }

    static String without(EventType type, String path) {
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        return edit(type, parent, node -> node.remove(path.substring(dot + 1)));
    }

    static String with(EventType type, String path, String textValue) {
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        return edit(type, parent, node -> node.put(path.substring(dot + 1), textValue));
    }

    private static ObjectNode objectAt(JsonNode root, String path) {
        JsonNode node = root;
        if (!path.isEmpty()) {
            for (String name : path.split("\\.")) {
                node = node.get(name);
            }
        }
        return (ObjectNode) node;
    }
}
