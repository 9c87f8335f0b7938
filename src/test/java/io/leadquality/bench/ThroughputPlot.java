package io.leadquality.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** One PNG: measured events/s against in-flight capacity, a line per API latency, its Little's-law ceiling dashed. */
final class ThroughputPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    private ThroughputPlot() {}

    record Point(long latencyMillis, int inFlight, double eventsPerSecond, double ceiling) {}

    static void write(List<Point> points, String title, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        TreeSet<Integer> inFlights = new TreeSet<>();
        double maxY = 1;
        for (Point p : points) {
            inFlights.add(p.inFlight());
            maxY = Math.max(maxY, Math.max(p.eventsPerSecond(), Math.min(p.ceiling(), 4 * p.eventsPerSecond())));
        }
        maxY = niceCeiling(maxY);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        double minX = Math.log(inFlights.first());
        double maxX = Math.log(inFlights.last());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, y, LEFT + plotW - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,d", Math.round(maxY * i / 5)), 10, y + 4);
        }
        for (int inFlight : inFlights) {
            int x = xOf(inFlight, minX, maxX, plotW);
            g.drawLine(x, TOP + plotH, x, TOP + plotH + 5);
            g.drawString(Integer.toString(inFlight), x - 8, TOP + plotH + 20);
        }
        g.drawString("sela.max-in-flight (lookups in flight per instance, parallelism 2; log scale)", LEFT, HEIGHT - 20);
        g.drawString("events/s", 10, TOP - 8);

        Map<Long, List<Point>> byLatency = new TreeMap<>();
        points.forEach(p -> byLatency.computeIfAbsent(p.latencyMillis(), k -> new java.util.ArrayList<>()).add(p));
        int series = 0;
        for (Map.Entry<Long, List<Point>> entry : byLatency.entrySet()) {
            Color color = COLORS[series % COLORS.length];
            List<Point> line = entry.getValue().stream().sorted(java.util.Comparator.comparingInt(Point::inFlight)).toList();
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            drawLine(g, line, minX, maxX, maxY, plotW, plotH, false);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
            drawLine(g, line, minX, maxX, maxY, plotW, plotH, true);
            int legendY = TOP + 20 + series * 40;
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(WIDTH - RIGHT + 15, legendY, WIDTH - RIGHT + 40, legendY);
            g.drawString("measured, " + entry.getKey() + " ms", WIDTH - RIGHT + 45, legendY + 4);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f));
            g.drawLine(WIDTH - RIGHT + 15, legendY + 16, WIDTH - RIGHT + 40, legendY + 16);
            g.drawString("ceiling, " + entry.getKey() + " ms", WIDTH - RIGHT + 45, legendY + 20);
            series++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void drawLine(Graphics2D g, List<Point> line, double minX, double maxX, double maxY, int plotW, int plotH,
                                 boolean ceiling) {
        Integer px = null;
        Integer py = null;
        for (Point p : line) {
            int x = xOf(p.inFlight(), minX, maxX, plotW);
            double value = Math.min(ceiling ? p.ceiling() : p.eventsPerSecond(), maxY);
            int y = TOP + plotH - (int) Math.round(plotH * value / maxY);
            if (px != null) {
                g.drawLine(px, py, x, y);
            }
            if (!ceiling) {
                g.fillOval(x - 4, y - 4, 8, 8);
            }
            px = x;
            py = y;
        }
    }

    private static int xOf(int inFlight, double minX, double maxX, int plotW) {
        double span = maxX - minX;
        return LEFT + (span == 0 ? plotW / 2 : (int) Math.round(plotW * (Math.log(inFlight) - minX) / span));
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
