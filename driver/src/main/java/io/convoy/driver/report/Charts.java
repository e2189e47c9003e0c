package io.convoy.driver.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's line charts, drawn with XChart and encoded as PNG. */
final class Charts {
  static final int WIDTH = 720;
  static final int HEIGHT = 360;
  /** More points than pixels only slow the drawing: rounds are averaged into at most this many. */
  static final int MAX_POINTS = 400;

  private Charts() {}

  /** One named curve. */
  record Curve(String name, double[] x, double[] y) {}

  /** A line chart of the curves; points whose y is not finite are left out. */
  static byte[] lines(String title, String xTitle, String yTitle, List<Curve> curves, boolean markers) {
    XYChart chart = chart(title, xTitle, yTitle);
    for (Curve c : curves) {
      Curve finite = finite(c);
      if (finite.x().length == 0) {
        continue;
      }
      XYSeries s = chart.addSeries(c.name(), finite.x(), finite.y());
      s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    return png(chart);
  }

  /**
   * Parts of a whole stacked over x: each part is drawn as the area up to the running sum of it
   * and the parts before it, biggest sum first so that every part stays visible.
   */
  static byte[] stacked(String title, String xTitle, String yTitle, double[] x, List<String> names,
      List<double[]> parts, List<Color> colors) {
    XYChart chart = chart(title, xTitle, yTitle);
    int n = x.length;
    List<double[]> cumulative = new ArrayList<>();
    double[] sum = new double[n];
    for (double[] part : parts) {
      for (int i = 0; i < n; i++) {
        sum[i] += Double.isFinite(part[i]) ? part[i] : 0;
      }
      cumulative.add(sum.clone());
    }
    for (int p = parts.size() - 1; p >= 0; p--) {
      XYSeries s = chart.addSeries(names.get(p), x, cumulative.get(p));
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      s.setMarker(SeriesMarkers.NONE);
      s.setFillColor(colors.get(p));
      s.setLineColor(colors.get(p).darker());
    }
    return png(chart);
  }

  /**
   * x = 1..n, averaged into at most {@link #MAX_POINTS} buckets (x is then the bucket's mean
   * round). Returns {x, y}.
   */
  static double[][] bucketed(double[] y) {
    int n = y.length;
    int buckets = Math.min(n, MAX_POINTS);
    double[] bx = new double[buckets];
    double[] by = new double[buckets];
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      double sx = 0;
      double sy = 0;
      int count = 0;
      for (int i = from; i < to; i++) {
        if (Double.isFinite(y[i])) {
          sx += i + 1;
          sy += y[i];
          count++;
        }
      }
      bx[b] = count == 0 ? (from + to + 1) / 2.0 : sx / count;
      by[b] = count == 0 ? Double.NaN : sy / count;
    }
    return new double[][] {bx, by};
  }

  private static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    chart.getStyler().setAntiAlias(true);
    return chart;
  }

  private static Curve finite(Curve c) {
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < c.x().length; i++) {
      if (Double.isFinite(c.y()[i]) && Double.isFinite(c.x()[i])) {
        kept.add(new double[] {c.x()[i], c.y()[i]});
      }
    }
    double[] x = new double[kept.size()];
    double[] y = new double[kept.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = kept.get(i)[0];
      y[i] = kept.get(i)[1];
    }
    return new Curve(c.name(), x, y);
  }

  static byte[] png(XYChart chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart " + chart.getTitle() + ": " + e.getMessage(), e);
    }
  }
}
