package dev.ember.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The PNG bar chart of median job times, one bar per engine and workload (XChart). */
final class Chart {
  private Chart() {}

  /**
   * Writes {@code file} (a {@code .png} path).
   *
   * @throws IOException if the file cannot be written
   */
  static void write(
      Results results, List<String> engines, List<String> workloads, String title, Path file)
      throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(560)
            .title(title)
            .xAxisTitle("workload")
            .yAxisTitle("median job time (s), lower is better")
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("0.00");
    for (String engine : engines) {
      List<String> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (String workload : workloads) {
        x.add(workload);
        y.add(
            results.valid(workload)
                ? results
                    .stats(engine, workload, r -> r.jobMillis() / 1000.0)
                    .map(Stats::median)
                    .orElse(0.0)
                : 0.0);
      }
      chart.addSeries(engine, x, y);
    }
    String name = file.toString();
    String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
  }
}
