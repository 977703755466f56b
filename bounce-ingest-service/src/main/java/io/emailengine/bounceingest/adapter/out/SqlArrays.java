package io.emailengine.bounceingest.adapter.out;

import java.sql.PreparedStatement;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * Statements whose parameters are all arrays: the form the store's per-batch statements take (one
 * statement for a batch's lanes, cells, runs or hashes, rather than one per item).
 */
final class SqlArrays {

    private SqlArrays() {
    }

    /** One array parameter: PostgreSQL's name of the element type ({@code int8}, {@code varchar}, ...) and the elements. */
    record Parameter(String elementType, Object[] elements) {
    }

    static Parameter array(String elementType, Object[] elements) {
        return new Parameter(elementType, elements);
    }

    /** The statement with its parameters bound in order. */
    static PreparedStatementCreator statement(String sql, Parameter... parameters) {
        return connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setArray(i + 1, connection.createArrayOf(parameters[i].elementType(), parameters[i].elements()));
            }
            return statement;
        };
    }
}
