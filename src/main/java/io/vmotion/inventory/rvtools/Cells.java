package io.vmotion.inventory.rvtools;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers as RVTools and the people who edit its workbooks write them: numeric cells, or text such
 * as "1,024", "8 GB", "2.5 GHz" or "10000 Mbit/s". A value with a unit is converted by that unit;
 * one without takes the unit of its column (its header says "MiB", "GiB", "MHz", ...). Text that is
 * not a number with a known unit of the column's dimension is not read at all: never as its leading
 * digits.
 */
final class Cells {

  private Cells() {}

  /** What a column measures, with its units and their size in the unit the inventory uses. */
  enum Dim {
    /** Plain counts: cores, vCPUs, hardware versions. No unit is accepted. */
    COUNT(Map.of()),
    /** Memory, in MiB. RVTools' "MB" columns hold MiB (4.x renamed them "MiB" for the same values), so MB and GB are binary. */
    MEMORY(Map.ofEntries(Map.entry("b", 1.0 / (1 << 20)), Map.entry("bytes", 1.0 / (1 << 20)), Map.entry("kb", 1.0 / 1024),
        Map.entry("kib", 1.0 / 1024), Map.entry("mb", 1.0), Map.entry("mib", 1.0), Map.entry("gb", 1024.0), Map.entry("gib", 1024.0),
        Map.entry("tb", 1024.0 * 1024), Map.entry("tib", 1024.0 * 1024))),
    /** Clock speed, in MHz. */
    FREQUENCY(Map.of("hz", 1e-6, "khz", 1e-3, "mhz", 1.0, "ghz", 1000.0)),
    /** Link speed, in Mbit/s. */
    LINK(Map.ofEntries(Map.entry("kbps", 1e-3), Map.entry("kbit/s", 1e-3), Map.entry("kb/s", 1e-3), Map.entry("mbps", 1.0),
        Map.entry("mbit/s", 1.0), Map.entry("mb/s", 1.0), Map.entry("mbit", 1.0), Map.entry("mb", 1.0), Map.entry("gbps", 1000.0),
        Map.entry("gbit/s", 1000.0), Map.entry("gb/s", 1000.0), Map.entry("gbit", 1000.0), Map.entry("gb", 1000.0)));

    final Map<String, Double> units;

    Dim(Map<String, Double> units) {
      this.units = units;
    }

    /** The unit a header names ("Size MiB", "# Memory (GiB)", "Speed GHz"), or 1 (the inventory's unit). */
    double headerScale(String header) {
      if (header == null) return 1.0;
      String h = header.toLowerCase(Locale.ROOT);
      double scale = 1.0;
      int best = -1;
      for (Map.Entry<String, Double> u : units.entrySet()) {
        Matcher m = Pattern.compile("(?<![a-z])" + Pattern.quote(u.getKey()) + "(?![a-z])").matcher(h);
        // The longest unit word wins, so "Mbit/s" is not read as "Mb".
        if (m.find() && u.getKey().length() > best) {
          best = u.getKey().length();
          scale = u.getValue();
        }
      }
      return scale;
    }
  }

  /** Why a cell gives no value. {@link #text} is the cause's wording: "tab vHost, column "# Cores": error cell". */
  enum Gap {
    EMPTY("empty cell"),
    ERROR("error cell"),
    UNCACHED("formula without a cached value"),
    NOT_A_NUMBER("not a number"),
    OUT_OF_RANGE("number out of range"),
    NOT_UNDERSTOOD("value not understood");

    final String text;

    Gap(String text) {
      this.text = text;
    }

    /** Whether the cell holds something wrong (worth a warning naming its row), rather than nothing. */
    boolean bad() {
      return this != EMPTY;
    }
  }

  /** A cell's value, or why there is none ({@code detail} is what the cell held, for the warning). */
  record Read<T>(T value, Gap gap, String detail) {
    static <T> Read<T> of(T value) {
      return new Read<>(value, null, null);
    }

    static <T> Read<T> gap(Gap gap, String detail) {
      return new Read<>(null, gap, detail);
    }

    <U> Read<U> failed() {
      return new Read<>(null, gap, detail);
    }

    boolean ok() {
      return value != null;
    }
  }

  private static final Pattern QUANTITY = Pattern.compile("^([+-]?[0-9][0-9,.\\s\\u00a0\\u202f']*)\\s*([A-Za-z/]*)$");
  private static final Pattern GROUPED = Pattern.compile("^[+-]?\\d{1,3}([,\\s\\u00a0\\u202f']\\d{3})+(\\.\\d+)?$");
  private static final Pattern DECIMAL_COMMA = Pattern.compile("^[+-]?\\d+,\\d+$");
  private static final Pattern PLAIN = Pattern.compile("^[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?$");

  /**
   * Text as a quantity of this dimension, in the inventory's unit; {@code columnScale} converts a
   * bare number (the column's unit). Thousands separators (",", spaces, "'") are accepted in groups
   * of three; a single comma before other than three digits is a decimal comma ("2,5 GHz").
   */
  static Read<Double> quantity(String text, Dim dim, double columnScale) {
    String t = text.trim();
    Matcher m = QUANTITY.matcher(t);
    if (!m.matches()) {
      // Scientific notation ("1e20") is a number too.
      if (PLAIN.matcher(t).matches()) return Read.of(Double.parseDouble(t) * columnScale);
      return Read.gap(Gap.NOT_A_NUMBER, t);
    }
    String digits = m.group(1).trim();
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    Double number = number(digits);
    if (number == null) {
      if (PLAIN.matcher(t).matches()) return Read.of(Double.parseDouble(t) * columnScale);
      return Read.gap(Gap.NOT_A_NUMBER, t);
    }
    if (unit.isEmpty()) return Read.of(number * columnScale);
    Double scale = dim.units.get(unit);
    if (scale == null) return Read.gap(Gap.NOT_A_NUMBER, t);
    return Read.of(number * scale);
  }

  private static Double number(String digits) {
    String d = digits.replaceAll("[\\s\\u00a0\\u202f]+$", "");
    String plain;
    if (PLAIN.matcher(d).matches()) {
      plain = d;
    } else if (GROUPED.matcher(d).matches()) {
      plain = d.replaceAll("[,\\s\\u00a0\\u202f']", "");
    } else if (DECIMAL_COMMA.matcher(d).matches()) {
      plain = d.replace(',', '.');
    } else {
      return null;
    }
    try {
      return Double.parseDouble(plain);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A quantity held to a range and, for counts, to whole numbers. */
  static Read<Double> checked(Read<Double> read, double min, double max, boolean whole) {
    if (!read.ok()) return read;
    double v = read.value();
    if (!Double.isFinite(v) || v < min || v > max) return Read.gap(Gap.OUT_OF_RANGE, format(v));
    if (whole && Math.abs(v - Math.rint(v)) > 1e-9) return Read.gap(Gap.NOT_A_NUMBER, format(v) + " is not a whole number");
    return read;
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }

  private static final Pattern ERROR_TEXT = Pattern.compile("^#(DIV/0!|N/A|VALUE!|REF!|NAME\\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$");

  /** Text that is an Excel error value written as text ("#N/A" in a CSV round trip). */
  static boolean errorText(String text) {
    return text != null && ERROR_TEXT.matcher(text.trim()).matches();
  }
}
