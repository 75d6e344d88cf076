import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Renders a soak result CSV (time_s,phase,clients,sessions,heap_mb,direct_mb,threads)
 * as stacked line charts in a PNG, one panel per measured series, with the phases
 * shaded. No dependencies: run with {@code java Chart.java in.csv out.png}.
 */
public class Chart {

	private static final int WIDTH = 1000;

	private static final int PANEL_HEIGHT = 170;

	private static final int MARGIN_LEFT = 80;

	private static final int MARGIN_RIGHT = 20;

	private static final String[] SERIES = { "clients", "sessions", "heap_mb", "direct_mb", "threads" };

	private static final String[] TITLES = { "client connections (load generator)", "server Engine.IO sessions",
			"heap used (MB)", "direct buffers (MB)", "live threads" };

	private static final Color[] PHASE_COLORS = { new Color(240, 240, 240), new Color(225, 238, 250),
			new Color(230, 245, 230), new Color(250, 238, 225), new Color(240, 240, 240) };

	public static void main(String[] args) throws IOException {
		List<String[]> rows = new ArrayList<>();
		List<String> lines = Files.readAllLines(Path.of(args[0]));
		String[] header = lines.get(0).split(",");
		for (String line : lines.subList(1, lines.size())) {
			if (!line.isBlank()) {
				rows.add(line.split(","));
			}
		}
		int height = 40 + SERIES.length * PANEL_HEIGHT;
		BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, height);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		g.drawString(args.length > 2 ? args[2] : "Soak", MARGIN_LEFT, 24);
		double maxTime = Double.parseDouble(rows.get(rows.size() - 1)[index(header, "time_s")]);
		for (int s = 0; s < SERIES.length; s++) {
			drawPanel(g, header, rows, s, 40 + s * PANEL_HEIGHT, maxTime);
		}
		g.dispose();
		ImageIO.write(image, "png", new File(args[1]));
	}

	private static void drawPanel(Graphics2D g, String[] header, List<String[]> rows, int s, int top,
			double maxTime) {
		int column = index(header, SERIES[s]);
		int timeColumn = index(header, "time_s");
		int phaseColumn = index(header, "phase");
		int plotTop = top + 20;
		int plotHeight = PANEL_HEIGHT - 45;
		int plotWidth = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
		double max = 1;
		for (String[] row : rows) {
			max = Math.max(max, Double.parseDouble(row[column]));
		}
		max = niceCeiling(max * 1.1);
		// phases
		String phase = null;
		int phaseStart = MARGIN_LEFT;
		int phaseIndex = -1;
		for (int i = 0; i <= rows.size(); i++) {
			String current = (i < rows.size()) ? rows.get(i)[phaseColumn] : null;
			int x = (i < rows.size()) ? x(Double.parseDouble(rows.get(i)[timeColumn]), maxTime, plotWidth)
					: MARGIN_LEFT + plotWidth;
			if (current == null || !current.equals(phase)) {
				if (phase != null) {
					g.setColor(PHASE_COLORS[Math.floorMod(phaseIndex, PHASE_COLORS.length)]);
					g.fillRect(phaseStart, plotTop, x - phaseStart, plotHeight);
					if (s == 0) {
						g.setColor(Color.DARK_GRAY);
						g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
						g.drawString(phase, phaseStart + 3, plotTop + 12);
					}
				}
				phase = current;
				phaseStart = x;
				phaseIndex++;
			}
		}
		// axes and grid
		g.setColor(Color.GRAY);
		g.drawRect(MARGIN_LEFT, plotTop, plotWidth, plotHeight);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		for (int tick = 0; tick <= 4; tick++) {
			double value = max * tick / 4;
			int y = plotTop + plotHeight - (int) Math.round(plotHeight * tick / 4.0);
			g.setColor(new Color(210, 210, 210));
			g.drawLine(MARGIN_LEFT, y, MARGIN_LEFT + plotWidth, y);
			g.setColor(Color.DARK_GRAY);
			g.drawString(format(value), 8, y + 4);
		}
		for (int t = 0; t <= maxTime; t += Math.max(10, (int) (maxTime / 10) / 10 * 10)) {
			int x = x(t, maxTime, plotWidth);
			g.drawString(t + " s", x - 8, plotTop + plotHeight + 14);
		}
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
		g.drawString(TITLES[s], MARGIN_LEFT, top + 14);
		// series
		g.setColor(new Color(30, 90, 180));
		g.setStroke(new BasicStroke(1.8f));
		int previousX = -1;
		int previousY = -1;
		for (String[] row : rows) {
			int x = x(Double.parseDouble(row[timeColumn]), maxTime, plotWidth);
			int y = plotTop + plotHeight - (int) Math.round(plotHeight * Double.parseDouble(row[column]) / max);
			if (previousX >= 0) {
				g.drawLine(previousX, previousY, x, y);
			}
			previousX = x;
			previousY = y;
		}
		g.setStroke(new BasicStroke(1f));
	}

	private static int x(double time, double maxTime, int plotWidth) {
		return MARGIN_LEFT + (int) Math.round(plotWidth * time / Math.max(1, maxTime));
	}

	private static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String format(double value) {
		return (value >= 100 || value == Math.rint(value)) ? String.format("%.0f", value)
				: String.format("%.1f", value);
	}

	private static int index(String[] header, String name) {
		for (int i = 0; i < header.length; i++) {
			if (header[i].equals(name)) {
				return i;
			}
		}
		throw new IllegalArgumentException("no column " + name);
	}

}
