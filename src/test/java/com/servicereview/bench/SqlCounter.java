package com.servicereview.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Benchmark only ({@code -Dbench.countSql=true}): wraps the application's DataSource, which Camunda and our
 * repositories share, and counts every statement executed (a batch entry counts as one) and the time spent in
 * execute, by SQL text. {@link #report} prints the statements per unit of work, most frequent first.
 */
final class SqlCounter implements BeanPostProcessor {

    private record Tally(LongAdder count, LongAdder nanos) {}

    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || !"dataSource".equals(beanName)) return bean;
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    static void reset() {
        TALLIES.clear();
    }

    /** The statements per {@code units} (e.g. per review), the {@code top} most frequent, and the totals. */
    static void report(String what, int units, int top) {
        List<Map.Entry<String, Tally>> rows = new ArrayList<>(TALLIES.entrySet());
        rows.sort((a, b) ->
                Long.compare(b.getValue().count().sum(), a.getValue().count().sum()));
        long count = rows.stream().mapToLong(e -> e.getValue().count().sum()).sum();
        long nanos = rows.stream().mapToLong(e -> e.getValue().nanos().sum()).sum();
        System.out.printf(
                "SQL %s: %,d statements = %.1f per unit (%,d units), %.1f s in execute = %.2f ms per unit%n",
                what, count, (double) count / units, units, nanos / 1e9, nanos / 1e6 / units);
        rows.stream()
                .limit(top)
                .forEach(e -> System.out.printf(
                        "  %6.2f/unit %8.1f ms  %s%n",
                        (double) e.getValue().count().sum() / units,
                        e.getValue().nanos().sum() / 1e6,
                        e.getKey()));
    }

    private static Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof PreparedStatement p && args != null && args[0] instanceof String sql)
                return statement(PreparedStatement.class, p, sql);
            if (result instanceof Statement s && !(result instanceof PreparedStatement))
                return statement(Statement.class, s, null);
            return result;
        });
    }

    private static <S extends Statement> S statement(Class<S> type, S statement, String preparedSql) {
        return proxy(type, statement, (target, method, args) -> {
            String name = method.getName();
            boolean batchEntry = name.equals("addBatch");
            boolean execute = name.startsWith("execute");
            if (!batchEntry && !execute) return invoke(target, method, args);
            String sql = preparedSql != null ? preparedSql : args != null && args[0] instanceof String s ? s : "?";
            long started = System.nanoTime();
            Object result = invoke(target, method, args);
            Tally tally = TALLIES.computeIfAbsent(key(sql), k -> new Tally(new LongAdder(), new LongAdder()));
            // A batch's entries count one each; its executeBatch only adds its time.
            if (!name.equals("executeBatch")) tally.count().increment();
            tally.nanos().add(System.nanoTime() - started);
            return result;
        });
    }

    private static String key(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() > 150 ? flat.substring(0, 150) + "…" : flat;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler h = (p, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }
}
