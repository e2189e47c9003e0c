package io.convoy.pipeline.synthetic;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One class of the shapes dataset: a shape in a color, named like {@code blue-triangle}. */
record ShapeClass(Figure figure, Hue hue) {

  /**
   * Outlines centered on the origin within the unit circle, so any rotation stays inside it.
   * The first ones are those a small CNN tells apart soonest at 32x32 (circle against square
   * took it several times longer than circle against cross).
   */
  enum Figure {
    CIRCLE(new Ellipse2D.Double(-1, -1, 2, 2)),
    CROSS(cross(0.25)),
    TRIANGLE(polygon(3, 1, 1)),
    SQUARE(new Rectangle2D.Double(-0.75, -0.75, 1.5, 1.5)),
    STAR(polygon(5, 1, 0.45)),
    // A rhombus: a square turned by 45 degrees would, after the random rotation, be a square.
    DIAMOND(polygonOf(0, -1, 0.55, 0, 0, 1, -0.55, 0)),
    RING(ring(0.55)),
    HEXAGON(polygon(6, 1, 1));

    final Shape outline;

    Figure(Shape outline) {
      this.outline = outline;
    }
  }

  /** Base colors; each image jitters them a little. */
  enum Hue {
    RED(255, 0, 0), GREEN(0, 220, 0), BLUE(40, 60, 255), YELLOW(255, 235, 0),
    MAGENTA(230, 0, 230), CYAN(0, 230, 230), WHITE(255, 255, 255), ORANGE(255, 140, 0);

    final Color color;

    Hue(int r, int g, int b) {
      this.color = new Color(r, g, b);
    }
  }

  static final int MAX = Figure.values().length * Hue.values().length;

  String name() {
    return hue.name().toLowerCase(Locale.ROOT) + "-" + figure.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The first {@code n} classes of a fixed order that grows a square of (figure, hue) pairs one
   * shell at a time: (0,0); (1,0) (0,1) (1,1); (2,0) (0,2) (2,1) (1,2) (2,2); ... So from three
   * classes on, most figures come in several hues and most hues on several figures, and a
   * classifier needs both shape and color; eight classes use three shapes and three colors.
   */
  static List<ShapeClass> first(int n) {
    Figure[] figures = Figure.values();
    Hue[] hues = Hue.values();
    List<ShapeClass> out = new ArrayList<>(n);
    for (int shell = 0; out.size() < n; shell++) {
      for (int i = 0; i < shell && out.size() < n; i++) {
        out.add(new ShapeClass(figures[shell], hues[i]));
        if (out.size() < n) {
          out.add(new ShapeClass(figures[i], hues[shell]));
        }
      }
      if (out.size() < n) {
        out.add(new ShapeClass(figures[shell], hues[shell]));
      }
    }
    return out;
  }

  private static Shape polygon(int corners, double outer, double inner) {
    boolean star = inner != outer;
    int points = star ? 2 * corners : corners;
    double[] xy = new double[2 * points];
    for (int i = 0; i < points; i++) {
      double r = star && i % 2 == 1 ? inner : outer;
      double angle = -Math.PI / 2 + 2 * Math.PI * i / points;
      xy[2 * i] = r * Math.cos(angle);
      xy[2 * i + 1] = r * Math.sin(angle);
    }
    return polygonOf(xy);
  }

  private static Shape polygonOf(double... xy) {
    Path2D.Double path = new Path2D.Double();
    path.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      path.lineTo(xy[i], xy[i + 1]);
    }
    path.closePath();
    return path;
  }

  private static Shape cross(double halfWidth) {
    double a = 0.95;
    Area area = new Area(new Rectangle2D.Double(-a, -halfWidth, 2 * a, 2 * halfWidth));
    area.add(new Area(new Rectangle2D.Double(-halfWidth, -a, 2 * halfWidth, 2 * a)));
    return area;
  }

  private static Shape ring(double hole) {
    Area area = new Area(new Ellipse2D.Double(-1, -1, 2, 2));
    area.subtract(new Area(new Ellipse2D.Double(-hole, -hole, 2 * hole, 2 * hole)));
    return area;
  }
}
