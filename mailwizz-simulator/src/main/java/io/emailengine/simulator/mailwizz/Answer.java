package io.emailengine.simulator.mailwizz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An HTTP status with MailWizz's JSON envelope. */
record Answer(int status, JsonNode body) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** {@code {"status":"success","data":...}}. */
    static Answer success(int status, JsonNode data) {
        ObjectNode body = JSON.createObjectNode().put("status", "success");
        if (data != null) {
            body.set("data", data);
        }
        return new Answer(status, body);
    }

    /** {@code {"status":"success"}} plus top-level fields, e.g. {@code template_uid}. */
    static Answer successTop(int status, ObjectNode fields) {
        ObjectNode body = JSON.createObjectNode().put("status", "success");
        body.setAll(fields);
        return new Answer(status, body);
    }

    /** {@code {"status":"error","error":"text"}}. */
    static Answer error(int status, String text) {
        return new Answer(status, JSON.createObjectNode().put("status", "error").put("error", text));
    }

    /** {@code {"status":"error","error":{"field":"message",...}}} — MailWizz's validation answer (422). */
    static Answer invalid(Map<String, String> fieldErrors) {
        ObjectNode errors = JSON.createObjectNode();
        fieldErrors.forEach(errors::put);
        ObjectNode body = JSON.createObjectNode().put("status", "error");
        body.set("error", errors);
        return new Answer(422, body);
    }

    static Answer notFound(String text) {
        return error(404, text);
    }

    /** Thrown from deep inside a request to answer at once (e.g. an unknown list). */
    static final class Stop extends RuntimeException {
        final transient Answer answer;

        Stop(Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }
}
