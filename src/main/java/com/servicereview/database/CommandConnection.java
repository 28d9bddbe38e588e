package com.servicereview.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A statement of ours on an engine command's own connection and transaction, as the engine's queries use: for reads
 * the engine makes in more statements than needed, where Camunda 7 offers no hook to add a MyBatis mapping.
 */
public final class CommandConnection {

    private CommandConnection() {}

    /** Runs {@code sql} with {@code parameters} and hands each row to {@code rows}; {@code what} names it in errors. */
    public static void query(
            CommandContext context,
            String sql,
            PreparedStatementSetter parameters,
            RowCallbackHandler rows,
            String what) {
        Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.setValues(statement);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) rows.processRow(result);
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not read " + what, e);
        }
    }
}
