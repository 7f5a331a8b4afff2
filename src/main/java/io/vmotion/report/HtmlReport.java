package io.vmotion.report;

import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Finding;
import io.vmotion.rules.Readiness;
import io.vmotion.rules.RuleInfo;
import io.vmotion.rules.Severity;
import io.vmotion.rules.UnknownSummary;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The validation as one page for the person who signs off a maintenance window: readiness at a
 * glance, what to fix first, blockers by rule (each bar links to the rule's explanation), a
 * compatibility matrix per cluster, the VM table (filterable and sortable with JavaScript, a plain
 * table without), the unknown facts once, and each rule's explanation.
 *
 * <p>Sized for vCenter's configuration maximum: a cluster whose matrix would exceed
 * {@link #MATRIX_CELLS} cells gets one row per VM shape (the same set of blocking rules) instead of
 * one per VM; messages and fixes per VM follow {@code --detail}; the root-cause tables show the
 * first {@link #TOP} rows. Optional end tags ({@code </td>}, {@code </tr>}) are left out of the large
 * tables, as HTML allows, which keeps the page near half the size.
 */
public final class HtmlReport implements ReportFormat {

  /** Above this many cells (VMs × hosts) a cluster's matrix groups its VMs by shape. */
  static final int MATRIX_CELLS = 2_500;
  /** Shape rows of a grouped matrix; rarer shapes share one row. */
  static final int SHAPES = 15;
  /** Rows of each root-cause table; the JSON and CSV reports have every one. */
  static final int TOP = 100;
  /** VMs whose messages and fixes the page shows, unless {@code --detail all} asks for every one. */
  static final int DETAILED = 100;
  /** Messages per rule and VM; the rest are counted. */
  static final int MESSAGES = 5;
  static final String NO_CLUSTER = "(no cluster)";

  private static final DateTimeFormatter MADE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A cell's verdict: class, symbol and word, in order of how bad it is. */
  enum Verdict {
    OK("k", "\u2713", "ok"),
    UNDECIDED("u", "?", "not checked"),
    WARNING("w", "!", "warning"),
    ERROR("e", "\u2717", "error"),
    HERE("s", "\u25cf", "current host"),
    NONE("", "", "not a target");

    final String css;
    final String symbol;
    final String word;

    Verdict(String css, String symbol, String word) {
      this.css = css;
      this.symbol = symbol;
      this.word = word;
    }
  }

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    new Page(input).write(out);
  }

  /** One rendering: the indexes every section shares. */
  private static final class Page {
    final ReportInput in;
    final Evaluation e;
    final RootCauses rc;
    final List<Finding> all;
    /** Per VM, the range of its findings in {@link #all} (sorted by vm, target, rule). */
    final Map<String, int[]> range = new HashMap<>();
    final Map<String, List<String>> hostsByCluster = new TreeMap<>();
    final Map<String, List<CheckedVm>> vmsByCluster = new TreeMap<>();
    final Map<String, RuleInfo> rules = new LinkedHashMap<>();

    Page(ReportInput in) {
      this.in = in;
      this.e = in.evaluation();
      this.rc = RootCauses.of(in);
      this.all = e.findings();
      for (int i = 0; i < all.size(); ) {
        String vm = all.get(i).vm();
        int from = i;
        while (i < all.size() && all.get(i).vm().equals(vm)) i++;
        range.put(vm, new int[] {from, i});
      }
      in.clusters().forEach((host, cluster) -> hostsByCluster.computeIfAbsent(cluster.isEmpty() ? NO_CLUSTER : cluster, k -> new ArrayList<>()).add(host));
      for (CheckedVm vm : e.vms()) vmsByCluster.computeIfAbsent(cluster(vm.host()), k -> new ArrayList<>()).add(vm);
      for (RuleInfo r : in.rules()) rules.putIfAbsent(r.id(), r);
    }

    String cluster(String host) {
      String c = in.clusterOf(host);
      return c == null ? NO_CLUSTER : c;
    }

    List<Finding> findingsOf(String vm) {
      int[] r = range.get(vm);
      return r == null ? List.of() : all.subList(r[0], r[1]);
    }

    void write(Writer out) throws IOException {
      HtmlPage page = new HtmlPage("vMotion readiness: " + in.inventory())
          .header(this::header)
          .section("fix-first", "What to fix first", this::fixFirst)
          .section("blockers", "Blockers by rule", this::blockers)
          .section("matrix", "Compatibility matrix", this::matrix)
          .section("vms", "VMs", this::vms);
      if (!e.unknown().isEmpty()) page.section("unknown", "Unknown facts", this::unknown);
      page.section("rules", "Rules", this::rules)
          .footer("Made by vmotion " + Version.current() + ". This page is self-contained: it loads nothing, and works offline.");
      page.write(out);
    }

    // ---- header

    void header(Writer out) throws IOException {
      out.write("<h1>vMotion readiness: " + Html.text(in.inventory()) + "</h1>\n<dl class=\"meta\">");
      out.write("<dt>Inventory</dt><dd>" + Html.text(in.inventory()) + "</dd>");
      out.write("<dt>Checked</dt><dd>" + Html.text(in.mode()) + "</dd>");
      if (in.options().made() != null) out.write("<dt>Made</dt><dd>" + MADE.format(in.options().made()) + "</dd>");
      out.write("<dt>vmotion</dt><dd>" + Html.text(Version.current()) + "</dd>");
      out.write("<dt>Totals</dt><dd id=\"totals\">" + Html.number(e.vms().size()) + " VMs, " + Html.number(e.pairs()) + " moves checked: "
          + Html.number(e.count(Severity.ERROR)) + " errors, " + Html.number(e.count(Severity.WARNING)) + " warnings, "
          + Html.number(e.count(Severity.INFO)) + " infos" + (e.waived() > 0 ? ", " + Html.number(e.waived()) + " waived" : "")
          + (e.undecidedMoves() > 0 ? "; " + Html.number(e.undecidedMoves()) + " moves undecided" : "") + "</dd>");
      if (in.options().minSeverity() != Severity.INFO) {
        out.write("<dt>Shown</dt><dd>findings at or above " + in.options().minSeverity().json() + " (--min-severity)</dd>");
      }
      out.write("</dl>\n");
      Map<Readiness, Long> r = e.readiness();
      long total = Math.max(1, e.vms().size());
      StringBuilder label = new StringBuilder();
      for (Map.Entry<Readiness, Long> x : r.entrySet()) label.append(label.length() == 0 ? "" : ", ").append(x.getValue()).append(' ').append(x.getKey().json());
      out.write("<svg class=\"bar\" viewBox=\"0 0 1000 30\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Readiness: " + label + "\">");
      double at = 0;
      for (Map.Entry<Readiness, Long> x : r.entrySet()) {
        if (x.getValue() == 0) continue;
        double w = 1000.0 * x.getValue() / total;
        Verdict v = verdict(x.getKey());
        out.write(String.format(java.util.Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"30\" fill=\"%s\"><title>%d %s</title></rect>",
            at, w, fill(v), x.getValue(), x.getKey().json()));
        if (w >= 60) {
          out.write(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"20\" fill=\"#fff\">%s %d</text>", at + 6, v.symbol, x.getValue()));
        }
        at += w;
      }
      out.write("</svg>\n<table id=\"readiness\"><caption>Readiness of " + Html.number(e.vms().size()) + " VMs</caption><thead><tr>");
      for (Readiness x : Readiness.values()) out.write("<th scope=\"col\" class=\"" + verdict(x).css + "\">" + verdict(x).symbol + " " + x.json() + "</th>");
      out.write("</tr></thead><tbody><tr>");
      for (Readiness x : Readiness.values()) out.write("<td class=\"n\" data-readiness=\"" + x.json() + "\">" + r.get(x) + "</td>");
      out.write("</tr></tbody></table>\n");
    }

    // ---- what to fix first

    void fixFirst(Writer out) throws IOException {
      out.write("<p>" + Html.number(rc.noTarget().size()) + (rc.noTarget().size() == 1 ? " VM has" : " VMs have") + " no compatible target; "
          + Html.number(rc.blockedMoves()) + (rc.blockedMoves() == 1 ? " move is" : " moves are") + " blocked, by " + Html.number(rc.causes().size())
          + (rc.causes().size() == 1 ? " cause" : " causes") + ". A cause is a rule on one target host, or on every host of a cluster;"
          + " a move blocked by two causes counts under both.</p>\n");
      out.write("<h3>VMs with no compatible target</h3>\n");
      if (rc.noTarget().isEmpty()) {
        out.write("<p>Every VM has a compatible target.</p>\n");
      } else {
        out.write("<table id=\"no-target\"><thead><tr><th scope=\"col\">VM</th><th scope=\"col\">Current host</th><th scope=\"col\">Cluster</th>"
            + "<th scope=\"col\">Readiness</th><th scope=\"col\">Blocked by (rule: targets)</th></tr></thead><tbody>\n");
        int n = 0;
        for (CheckedVm vm : rc.noTarget()) {
          if (n++ == TOP) break;
          Verdict v = verdict(vm.readiness());
          out.write("<tr><th scope=\"row\">" + Html.text(vm.name()) + "<td>" + Html.text(vm.host()) + "<td>" + Html.text(cluster(vm.host()))
              + "<td class=\"" + v.css + "\">" + v.symbol + " " + vm.readiness().json() + "<td>" + blockedBy(vm, true) + "\n");
        }
        out.write("</tbody></table>\n");
        if (rc.noTarget().size() > TOP) {
          out.write("<p class=\"note\">The first " + TOP + " of " + Html.number(rc.noTarget().size()) + " by name; the VM table below has every one"
              + " (filter it by readiness blocked or unknown).</p>\n");
        }
      }
      out.write("<h3>Causes, by moves blocked</h3>\n");
      if (rc.causes().isEmpty()) {
        out.write("<p>Nothing blocks a move.</p>\n");
        return;
      }
      out.write("<table id=\"causes\"><thead><tr><th scope=\"col\" class=\"n\">Moves blocked</th><th scope=\"col\">Rule</th><th scope=\"col\">Where</th>"
          + "<th scope=\"col\">What</th><th scope=\"col\">Fix</th></tr></thead><tbody>\n");
      int n = 0;
      for (RootCauses.Cause c : rc.causes()) {
        if (n++ == TOP) break;
        out.write("<tr><td class=\"n\">" + Html.number(c.moves()) + "<td>" + ruleLink(c.rule()) + "<td>" + Html.text(c.where()) + "<td>" + Html.text(c.title())
            + "<td>" + Html.text(c.fix()) + "\n");
      }
      out.write("</tbody></table>\n");
      if (rc.causes().size() > TOP) {
        out.write("<p class=\"note\">The first " + TOP + " of " + Html.number(rc.causes().size()) + " causes; the others block at most "
            + Html.number(rc.causes().get(TOP).moves()) + " moves each. The JSON report's \"causes\" has every one.</p>\n");
      }
    }

    // ---- blockers by rule

    void blockers(Writer out) throws IOException {
      Map<String, long[]> byRule = new TreeMap<>();
      for (CheckedVm vm : e.vms()) {
        vm.blockedBy().forEach((rule, n) -> {
          long[] t = byRule.computeIfAbsent(rule, k -> new long[2]);
          t[0] += n;
          t[1]++;
        });
      }
      if (byRule.isEmpty()) {
        out.write("<p>No rule blocks a move.</p>\n");
        return;
      }
      List<Map.Entry<String, long[]>> sorted = new ArrayList<>(byRule.entrySet());
      sorted.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()));
      long max = sorted.get(0).getValue()[0];
      int row = 34;
      out.write("<p>Each bar is a rule: its length the moves it blocks (the thin bar: the VMs it blocks at least once). Select a bar for the rule's explanation.</p>\n");
      out.write("<svg class=\"chart\" viewBox=\"0 0 900 " + (sorted.size() * row + 4) + "\" role=\"img\" aria-label=\"Blocked moves and VMs per rule; the table below has the figures\">");
      int y = 2;
      for (Map.Entry<String, long[]> x : sorted) {
        long moves = x.getValue()[0];
        long vms = x.getValue()[1];
        double wm = Math.max(2, 520.0 * moves / max);
        double wv = Math.max(2, 520.0 * vms / max);
        String rule = x.getKey();
        out.write("<a href=\"#" + Html.id("rule-", rule) + "\"><title>" + Html.text(rule) + ": " + moves + " moves, " + vms + " VMs blocked</title>");
        out.write(String.format(java.util.Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 15, Html.text(shorten(rule, 30))));
        out.write(String.format(java.util.Locale.ROOT, "<rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#cf222e\"/>", y + 2, wm));
        out.write(String.format(java.util.Locale.ROOT, "<rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"6\" fill=\"#6e1a1f\"/>", y + 21, wv));
        out.write(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s moves, %s VMs</text>", 226 + wm, y + 15, Html.number(moves), Html.number(vms)));
        out.write("</a>");
        y += row;
      }
      out.write("</svg>\n<table id=\"blockers-table\"><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\" class=\"n\">Moves blocked</th>"
          + "<th scope=\"col\" class=\"n\">VMs blocked</th><th scope=\"col\">What</th></tr></thead><tbody>\n");
      for (Map.Entry<String, long[]> x : sorted) {
        RuleInfo r = rules.get(x.getKey());
        out.write("<tr><td>" + ruleLink(x.getKey()) + "<td class=\"n\">" + Html.number(x.getValue()[0]) + "<td class=\"n\">" + Html.number(x.getValue()[1])
            + "<td>" + Html.text(r == null ? "" : r.title()) + "\n");
      }
      out.write("</tbody></table>\n");
    }

    // ---- matrix

    void matrix(Writer out) throws IOException {
      out.write("<p class=\"legend\">Each cell is a move of the row's VM to the column's host, marked by its worst finding; hover for the rule ids. "
          + "<span class=\"k\">\u2713 ok</span><span class=\"w\">! warning</span><span class=\"e\">\u2717 error</span>"
          + "<span class=\"u\">? not checked (unknown facts)</span><span class=\"s\">\u25cf current host</span><span>blank: not a target</span></p>\n");
      boolean outside = false;
      for (CheckedVm vm : e.vms()) {
        String c = cluster(vm.host());
        for (String t : vm.targets()) outside |= !cluster(t).equals(c);
        if (outside) break;
      }
      if (outside) {
        out.write("<p class=\"note\">Only the hosts of each VM's own cluster are drawn; its moves to other clusters are in the VM table.</p>\n");
      }
      boolean open = vmsByCluster.size() <= 8;
      for (Map.Entry<String, List<CheckedVm>> c : vmsByCluster.entrySet()) {
        List<String> hosts = hostsByCluster.getOrDefault(c.getKey(), List.of());
        List<CheckedVm> vms = c.getValue();
        boolean grouped = (long) vms.size() * hosts.size() > MATRIX_CELLS;
        out.write("<details class=\"cluster\" data-cluster=\"" + Html.attr(c.getKey()) + "\"" + (open ? " open" : "") + "><summary>Cluster "
            + Html.text(c.getKey()) + ": " + Html.number(vms.size()) + " VMs \u00d7 " + hosts.size() + " hosts" + (grouped ? ", grouped by VM shape" : "")
            + "</summary>\n");
        if (grouped) shapes(out, c.getKey(), hosts, vms);
        else cells(out, c.getKey(), hosts, vms);
        out.write("</details>\n");
      }
    }

    void matrixHead(Writer out, String caption, String corner, List<String> hosts) throws IOException {
      out.write("<table class=\"matrix\"><caption>" + caption + "</caption><thead><tr><th scope=\"col\">" + corner + "</th>");
      for (String h : hosts) out.write("<th scope=\"col\" class=\"h\">" + Html.text(h) + "</th>");
      out.write("</tr></thead><tbody>\n");
    }

    /** One row per VM, one cell per host of its cluster. */
    void cells(Writer out, String cluster, List<String> hosts, List<CheckedVm> vms) throws IOException {
      matrixHead(out, "Cluster " + Html.text(cluster) + ": VMs \u00d7 hosts", "VM", hosts);
      for (CheckedVm vm : vms) {
        Map<String, Cell> cells = cellsOf(vm);
        out.write("<tr><th scope=\"row\">" + Html.text(vm.name()));
        for (String h : hosts) {
          Cell cell = h.equals(vm.host()) ? new Cell(Verdict.HERE, Set.of()) : cells.getOrDefault(h, new Cell(Verdict.NONE, Set.of()));
          String title = cell.verdict.word + (cell.rules.isEmpty() ? "" : ": " + String.join(", ", cell.rules));
          out.write("<td" + (cell.verdict.css.isEmpty() ? "" : " class=" + cell.verdict.css) + " title=\"" + Html.attr(title) + "\">" + cell.verdict.symbol);
        }
        out.write("\n");
      }
      out.write("</tbody></table>\n");
    }

    /**
     * Rows by VM shape: the VMs with the same set of blocking rules. A cell counts the shape's VMs
     * its worst verdict there applies to ("\u271712": twelve of them blocked); it carries no tooltip
     * of its own (a cluster has tens of thousands of them), the column's host has the rule ids that
     * block moves onto it, with their counts, and the row's shape names its rules.
     */
    void shapes(Writer out, String cluster, List<String> hosts, List<CheckedVm> vms) throws IOException {
      Map<String, List<CheckedVm>> byShape = new TreeMap<>();
      for (CheckedVm vm : vms) byShape.computeIfAbsent(String.join(", ", vm.blockedBy().keySet()), k -> new ArrayList<>()).add(vm);
      List<Map.Entry<String, List<CheckedVm>>> shapes = new ArrayList<>(byShape.entrySet());
      shapes.sort((a, b) -> a.getValue().size() != b.getValue().size() ? Integer.compare(b.getValue().size(), a.getValue().size()) : a.getKey().compareTo(b.getKey()));
      int distinct = shapes.size();
      if (distinct > SHAPES) {
        List<CheckedVm> rest = new ArrayList<>();
        for (Map.Entry<String, List<CheckedVm>> x : shapes.subList(SHAPES - 1, distinct)) rest.addAll(x.getValue());
        shapes = new ArrayList<>(shapes.subList(0, SHAPES - 1));
        shapes.add(Map.entry("\u0000the " + (distinct - SHAPES + 1) + " rarer shapes", rest));
      }
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < hosts.size(); i++) index.put(hosts.get(i), i);
      int n = hosts.size();
      List<int[][]> rows = new ArrayList<>();
      List<Map<String, Integer>> columnRules = new ArrayList<>();
      for (int i = 0; i < n; i++) columnRules.add(new TreeMap<>());
      for (Map.Entry<String, List<CheckedVm>> s : shapes) {
        int[][] counts = new int[n][Verdict.values().length];
        for (CheckedVm vm : s.getValue()) {
          Integer here = index.get(vm.host());
          if (here != null) counts[here][Verdict.HERE.ordinal()]++;
          for (Map.Entry<String, Cell> c : cellsOf(vm).entrySet()) {
            Integer i = index.get(c.getKey());
            if (i == null) continue;
            counts[i][c.getValue().verdict.ordinal()]++;
            if (c.getValue().verdict == Verdict.ERROR) for (String r : c.getValue().rules) columnRules.get(i).merge(r, 1, Integer::sum);
          }
        }
        rows.add(counts);
      }
      out.write("<p class=\"note\">" + Html.number(vms.size()) + " VMs are too many rows to draw one by one: each row is a VM shape, the VMs with the"
          + " same set of blocking rules (" + distinct + " shapes" + (distinct > SHAPES ? "; the " + (SHAPES - 1) + " largest, then the rest in one row" : "")
          + "). A cell counts the shape's VMs its worst verdict there applies to:"
          + " <span class=\"e\">\u271712</span> twelve blocked (a lighter cell: some of the shape, not all), <span class=\"w\">!3</span> three with"
          + " warnings, <span class=\"u\">?2</span> two undecided, <span class=\"k\">\u2713</span> all compatible. Hover a host for the rules that block"
          + " moves onto it, with the VMs they block there.</p>\n");
      // Unclassed cells are the commonest kind here, "some of the shape blocked": the CSS draws them so.
      out.write("<table class=\"matrix shapes\"><caption>Cluster " + Html.text(cluster) + ": VM shapes \u00d7 hosts</caption><thead><tr>"
          + "<th scope=\"col\">Shape (blocking rules): VMs</th>");
      for (int i = 0; i < n; i++) {
        StringBuilder title = new StringBuilder();
        for (Map.Entry<String, Integer> r : columnRules.get(i).entrySet()) title.append(title.length() == 0 ? "" : ", ").append(r.getKey()).append(' ').append(r.getValue());
        out.write("<th class=h" + (title.length() == 0 ? "" : " title=\"" + Html.attr(title.toString()) + "\"") + ">" + Html.text(hosts.get(i)));
      }
      out.write("</tr></thead><tbody>\n");
      for (int s = 0; s < shapes.size(); s++) {
        String key = shapes.get(s).getKey();
        String label = key.isEmpty() ? "nothing blocks" : key.startsWith("\u0000") ? key.substring(1) : key;
        out.write("<tr><th scope=\"row\">" + Html.text(label) + ": " + Html.number(shapes.get(s).getValue().size()));
        int[][] counts = rows.get(s);
        for (int i = 0; i < n; i++) {
          int[] c = counts[i];
          int targets = c[Verdict.OK.ordinal()] + c[Verdict.WARNING.ordinal()] + c[Verdict.ERROR.ordinal()] + c[Verdict.UNDECIDED.ordinal()];
          int blocked = c[Verdict.ERROR.ordinal()];
          if (targets == 0) out.write(c[Verdict.HERE.ordinal()] > 0 ? "<td class=s>\u25cf" : "<td class=n>");
          else if (blocked > 0) out.write((blocked == targets ? "<td class=e>\u2717" : "<td>\u2717") + blocked);
          else if (c[Verdict.WARNING.ordinal()] > 0) out.write("<td class=w>!" + c[Verdict.WARNING.ordinal()]);
          else if (c[Verdict.UNDECIDED.ordinal()] > 0) out.write("<td class=u>?" + c[Verdict.UNDECIDED.ordinal()]);
          else out.write("<td class=k>\u2713");
        }
        out.write("\n");
      }
      out.write("</tbody></table>\n");
    }

    record Cell(Verdict verdict, Set<String> rules) {}

    /** The verdict of each of the VM's targets, with the rule ids behind it. */
    Map<String, Cell> cellsOf(CheckedVm vm) {
      Set<String> compatible = new HashSet<>(vm.compatibleTargets());
      Set<String> undecided = new HashSet<>(vm.undecidedTargets());
      Map<String, Set<String>> errors = new HashMap<>();
      Map<String, Set<String>> warnings = new HashMap<>();
      Map<String, Set<String>> open = new HashMap<>();
      for (Finding f : findingsOf(vm.name())) {
        if (f.waived()) continue;
        Map<String, Set<String>> into = f.severity() == Severity.ERROR ? errors : f.severity() == Severity.WARNING ? warnings : f.undecided() ? open : null;
        if (into != null) into.computeIfAbsent(f.target(), k -> new TreeSet<>()).add(f.rule());
      }
      Map<String, Cell> out = new HashMap<>();
      for (String t : vm.targets()) {
        if (undecided.contains(t)) out.put(t, new Cell(Verdict.UNDECIDED, open.getOrDefault(t, Set.of())));
        else if (compatible.contains(t)) out.put(t, warnings.containsKey(t) ? new Cell(Verdict.WARNING, warnings.get(t)) : new Cell(Verdict.OK, Set.of()));
        else out.put(t, new Cell(Verdict.ERROR, errors.getOrDefault(t, Set.of())));
      }
      return out;
    }

    // ---- VM table

    void vms(Writer out) throws IOException {
      ReportOptions.Detail detail = in.detail();
      // The page stays small at scale: messages for at most DETAILED VMs unless every VM's were asked for.
      int limit = in.options().detail() == ReportOptions.Detail.ALL ? Integer.MAX_VALUE : DETAILED;
      long wanted = e.vms().stream().filter(in::detailed).count();
      String note = switch (detail) {
        case ALL -> "Every VM with its messages and fixes";
        case BLOCKED -> "Messages and fixes for the VMs with no compatible target" + (in.options().detail() == null
            ? " (--detail blocked, the default above " + ReportOptions.ALL_DETAIL_UP_TO + " VMs; --detail all shows them for every VM)" : " (--detail blocked)");
        case NONE -> "No messages or fixes (--detail none)";
      };
      if (wanted > limit) note += "; the first " + limit + " of those " + wanted + " VMs here, to keep the page small";
      note += ". The JSON and CSV reports have every message.";
      out.write("<p class=\"note\">" + Html.text(note) + " VMs are grouped by cluster and readiness, worst first. With JavaScript on, the table filters"
          + " by name, cluster, readiness and rule, and sorts by a column (within each group).</p>\n");
      out.write("<table id=\"vm-table\" class=\"vms\"><thead><tr><th scope=\"col\" data-sort>VM</th><th scope=\"col\" data-sort>Current host</th>"
          + "<th scope=\"col\" data-sort class=\"n\">Compatible targets</th><th scope=\"col\">Blocked by (rule: targets)</th>"
          + "<th scope=\"col\">Details</th></tr></thead>\n");
      int detailed = 0;
      Readiness[] worstFirst = {Readiness.BLOCKED, Readiness.UNKNOWN, Readiness.READY_WITH_WARNINGS, Readiness.READY};
      for (Map.Entry<String, List<CheckedVm>> c : vmsByCluster.entrySet()) {
        for (Readiness r : worstFirst) {
          List<CheckedVm> group = c.getValue().stream().filter(v -> v.readiness() == r).toList();
          if (group.isEmpty()) continue;
          Verdict v = verdict(r);
          out.write("<tbody data-cluster=\"" + Html.attr(c.getKey()) + "\" data-readiness=\"" + r.json() + "\"><tr class=\"g\"><th colspan=\"5\" scope=\"rowgroup\">"
              + Html.text(c.getKey()) + ": <span class=\"" + v.css + "\">" + v.symbol + " " + r.json() + "</span> (" + Html.number(group.size()) + " VMs)</th></tr>\n");
          // Rows end where the next begins: HTML needs no </td> or </tr>, and 40,000 rows save a megabyte without them.
          for (CheckedVm vm : group) {
            out.write("<tr><th>" + Html.text(vm.name()) + "<td>" + Html.text(vm.host()) + "<td>" + vm.compatibleCount() + "/" + vm.targetCount() + "<td>"
                + blockedBy(vm, false));
            if (in.detailed(vm) && detailed < limit) {
              detailed++;
              out.write("<td class=\"d\">");
              details(out, vm);
            }
            out.write("\n");
          }
          out.write("</tbody>\n");
        }
      }
      out.write("</table>\n");
    }

    void details(Writer out, CheckedVm vm) throws IOException {
      if (!vm.compatibleTargets().isEmpty()) out.write("Compatible: " + Html.text(String.join(", ", vm.compatibleTargets())) + ". ");
      if (!vm.undecidedTargets().isEmpty()) out.write(Html.text(TextReport.undecidedLine(vm)) + ". ");
      Map<String, List<Finding>> byRule = new TreeMap<>();
      for (Finding f : findingsOf(vm.name())) {
        if (f.undecided() && !f.waived()) continue;
        if (f.severity().compareTo(in.options().minSeverity()) < 0) continue;
        byRule.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f);
      }
      if (byRule.isEmpty()) return;
      out.write("<ul>");
      for (Map.Entry<String, List<Finding>> r : byRule.entrySet()) {
        Finding first = r.getValue().get(0);
        Verdict v = first.severity() == Severity.ERROR ? Verdict.ERROR : first.severity() == Severity.WARNING ? Verdict.WARNING : Verdict.UNDECIDED;
        out.write("<li><span class=\"" + v.css + "\">" + v.symbol + " " + first.severity().json() + "</span> " + ruleLink(r.getKey()) + ":");
        int n = 0;
        for (Finding f : r.getValue()) {
          if (n++ == MESSAGES) {
            out.write("<br>\u2026 and " + (r.getValue().size() - MESSAGES) + " more targets");
            break;
          }
          out.write("<br>\u2192 " + Html.text(f.target()) + (f.step() > 0 ? " (plan step " + f.step() + ")" : "") + ": " + Html.text(f.message())
              + (f.waived() ? " <i>(waived: " + Html.text(f.waiver()) + ")</i>" : ""));
        }
        out.write("<br><span class=\"note\">Fix:</span> " + Html.text(first.remediation()) + "</li>");
      }
      out.write("</ul>");
    }

    // ---- unknown facts

    void unknown(Writer out) throws IOException {
      out.write("<p>Each gap of the inventory once; every move the known facts decide still gets its verdict.</p>\n<ul id=\"unknown-list\">\n");
      for (UnknownSummary u : e.unknown()) {
        out.write("<li>" + Html.text(UnknownSection.describe(u)) + (u.fix() == null ? "" : "<br><span class=\"note\">Fix:</span> " + Html.text(u.fix())) + "</li>\n");
      }
      out.write("</ul>\n");
    }

    // ---- rules

    void rules(Writer out) throws IOException {
      out.write("<p>What each rule checks, why vMotion needs it, and how to fix what it finds.</p>\n");
      for (RuleInfo r : rules.values()) {
        out.write("<div class=\"rule\" id=\"" + Html.id("rule-", r.id()) + "\"><h3><code>" + Html.text(r.id()) + "</code> " + Html.text(r.title()) + "</h3><dl>");
        out.write("<dt>Severity</dt><dd>" + r.severity().json() + "</dd>");
        if (r.explain() != null) out.write("<dt>Why</dt><dd>" + Html.text(r.explain()) + "</dd>");
        out.write("<dt>Fix</dt><dd>" + Html.text(r.remediation()) + "</dd>");
        if (r.fault() != null) out.write("<dt>vSphere fault</dt><dd><code>" + Html.text(r.fault()) + "</code></dd>");
        if (r.docs() != null) out.write("<dt>Docs</dt><dd>" + Html.link(r.docs(), r.docs()) + "</dd>");
        out.write("<dt>Defined in</dt><dd><code>" + Html.text(r.location()) + "</code></dd></dl></div>\n");
      }
    }

    // ---- helpers

    String ruleLink(String rule) {
      return "<a href=\"#" + Html.id("rule-", rule) + "\">" + Html.text(rule) + "</a>";
    }

    /** "cpu.features 3, host.state 1"; with links to each rule's explanation when {@code links}. */
    String blockedBy(CheckedVm vm, boolean links) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, Integer> b : vm.blockedBy().entrySet()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(links ? ruleLink(b.getKey()) : Html.text(b.getKey())).append(' ').append(b.getValue());
      }
      return sb.toString();
    }
  }

  static Verdict verdict(Readiness r) {
    return switch (r) {
      case READY -> Verdict.OK;
      case READY_WITH_WARNINGS -> Verdict.WARNING;
      case BLOCKED -> Verdict.ERROR;
      case UNKNOWN -> Verdict.UNDECIDED;
    };
  }

  static String fill(Verdict v) {
    return switch (v) {
      case OK -> "#1a7f37";
      case WARNING -> "#9a6700";
      case ERROR -> "#cf222e";
      case UNDECIDED -> "#6639ba";
      default -> "#57606a";
    };
  }

  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }
}
