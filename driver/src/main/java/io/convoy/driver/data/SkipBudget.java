package io.convoy.driver.data;

import io.convoy.driver.common.OutputDir;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The samples a run could not use: files the catalog rejected, and samples that failed to read
 * or decode during training or evaluation (changed after cataloguing). Each new one is added to
 * {@code skipped.txt} at once; more than {@code data.max-skipped} distinct samples skipped
 * during the run fail it, since the data is then no longer what was catalogued.
 */
public final class SkipBudget {
  private final OutputDir out;
  private final PrintWriter console;
  private final int max;
  private final List<String> catalogLines;
  /** path -> reason of samples skipped while training, in order of discovery. */
  private final Map<String, String> skipped = new LinkedHashMap<>();

  public SkipBudget(OutputDir out, PrintWriter console, int max, List<String> catalogLines, List<String> earlier) {
    this.out = out;
    this.console = console;
    this.max = max;
    this.catalogLines = List.copyOf(catalogLines);
    earlier.forEach(this::put);
    if (!skipped.isEmpty()) {
      writeList(); // a resumed run lists what it skipped before, too
    }
  }

  /** Records samples skipped by a round or an evaluation ({@code path<TAB>reason} each). */
  public void record(Collection<String> lines, String where) {
    int before = skipped.size();
    lines.forEach(this::put);
    if (skipped.size() == before) {
      return;
    }
    writeList();
    console.printf("convoy: warning: %d sample(s) could not be used in %s and were left out (%d in the run, "
        + "listed in %s)%n", skipped.size() - before, where, skipped.size(), out.uri("skipped.txt"));
    if (skipped.size() > max) {
      throw new TooManySkippedException(skipped.size() + " samples could not be read or decoded during training, "
          + "more than data.max-skipped = " + max + " (listed in " + out.uri("skipped.txt")
          + "): the dataset changed after it was catalogued; fix or remove the files, or raise data.max-skipped");
    }
  }

  private void writeList() {
    out.writeText("skipped.txt", all().stream().collect(Collectors.joining("\n", "", "\n")));
  }

  /** The samples skipped so far, as {@code path<TAB>reason} (kept in checkpoints). */
  public List<String> lines() {
    return skipped.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue()).toList();
  }

  /** Every sample the run left out, as {@code path<TAB>reason}: the catalog's, then those skipped since. */
  public List<String> all() {
    List<String> all = new ArrayList<>(catalogLines);
    all.addAll(lines());
    return all;
  }

  private void put(String line) {
    int tab = line.indexOf('\t');
    String path = tab < 0 ? line : line.substring(0, tab);
    skipped.putIfAbsent(path, tab < 0 ? "" : line.substring(tab + 1));
  }

  /** Too many samples failed during the run. */
  static final class TooManySkippedException extends RuntimeException {
    TooManySkippedException(String message) {
      super(message);
    }
  }
}
