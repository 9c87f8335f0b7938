package io.leadquality.testkit;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every log line of this JVM at every level, with stack traces, while open. */
public final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    public CapturedLogs() {
        appender = new AbstractAppender("captured-logs", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                        + event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                lines.add(line.toString());
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        config.addAppender(appender);
        // Capture only: the console would print every TRACE line of Flink and Kafka.
        for (String name : new java.util.ArrayList<>(config.getRootLogger().getAppenders().keySet())) {
            config.getRootLogger().removeAppender(name);
        }
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        config.getRootLogger().setLevel(Level.ALL);
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.setLevel(Level.ALL);
        }
        context.updateLoggers();
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        context.reconfigure(); // back to log4j2-test.properties
        appender.stop();
    }
}
