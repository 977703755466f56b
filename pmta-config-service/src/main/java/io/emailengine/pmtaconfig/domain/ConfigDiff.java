package io.emailengine.pmtaconfig.domain;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** Unified diff between two rendered versions, for the deployment record and the operator API. */
public final class ConfigDiff {

    private ConfigDiff() {
    }

    public static String unified(String fromName, String fromText, String toName, String toText) {
        List<String> from = fromText == null ? List.of() : fromText.lines().toList();
        List<String> to = toText.lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, from, DiffUtils.diff(from, to), 2);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
