package io.vmotion.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmotion.estimation.Estimate;
import io.vmotion.estimation.EstimateInput;
import io.vmotion.estimation.EstimateJson;
import io.vmotion.estimation.EstimateText;
import io.vmotion.estimation.PreCopyDefaults;
import io.vmotion.estimation.PreCopyEstimator;
import io.vmotion.estimation.Verdict;
import io.vmotion.estimation.VmotionLink;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.JsonPositions;
import io.vmotion.inventory.Vm;
import io.vmotion.rules.RuleData;
import io.vmotion.rules.RuleSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code vmotion estimate}: how long a vMotion takes and how long the VM is stunned, from the
 * pre-copy model of docs/estimation.md, for given parameters or for the VMs of an inventory.
 */
final class EstimateCommand {

  private static final String USAGE_LINES =
      "vmotion estimate --memory-mb M --link-mbps B [--dirty-mbps D] [--hot-set-mb H] [--concurrent K] [--switchover-ms T] [options]\n"
          + "       vmotion estimate INVENTORY [--vm NAME] [--link-mbps B] [--concurrent K] [--switchover-ms T] [options]";

  /** Facts of one VM: in inventory mode they come from the VM, so a flag for them would be ambiguous. */
  private static final List<String> VM_FACTS = List.of("memory-mb", "dirty-mbps", "hot-set-mb", "device-state-mb");

  private final PrintStream out;
  private final PrintStream err;

  EstimateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(opt("memory-mb", "M", "the VM's memory in MiB, all sent in round 0"));
    o.addOption(opt("link-mbps", "B", "the vMotion link's line rate in Mbit/s (10000 for 10 GbE). With INVENTORY: instead of the "
        + "sum of the VM's host's vMotion adapters"));
    o.addOption(opt("dirty-mbps", "D", "how fast the guest dirties memory, in MiB/s (not Mbit/s; default 0)"));
    o.addOption(opt("hot-set-mb", "H", "MiB rewritten in every round however short, at most M (default 0)"));
    o.addOption(opt("concurrent", "K", "moves sharing the link at once; each gets 1/K of it (default 1)"));
    o.addOption(opt("switchover-ms", "T", "switch over once a round takes at most T ms (default " + n(PreCopyDefaults.SWITCHOVER_MS)
        + ", vMotion's switchover goal)"));
    o.addOption(opt("device-state-mb", "S", "MiB sent only while the VM is stunned, such as a vGPU's frame buffer (default 0)"));
    o.addOption(opt("efficiency", "E", "share of the line rate that carries memory, above 0 and at most 1 (default "
        + n(PreCopyDefaults.EFFICIENCY) + ")"));
    o.addOption(opt("max-rounds", "N", "pre-copy rounds before switching over regardless (default " + PreCopyDefaults.MAX_PRECOPY_ROUNDS + ")"));
    o.addOption(opt("overhead-s", "O", "seconds a move takes besides its rounds (default " + n(PreCopyDefaults.OVERHEAD_SECONDS) + ")"));
    o.addOption(opt("vm", "NAME", "with INVENTORY: only this VM, in detail"));
    o.addOption(opt("format", "text|json", "output format (default text)"));
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  private static Option opt(String name, String arg, String description) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(description).get();
  }

  int run(String[] args) {
    try {
      return estimate(args);
    } catch (UsageException e) {
      err.println("vmotion estimate: " + e.getMessage());
      err.println("usage: " + USAGE_LINES);
      err.println("Run 'vmotion estimate --help' for the options.");
      return Main.USAGE;
    } catch (InvalidInputException | IOException e) {
      return Failure.report(err, "estimate", e);
    }
  }

  private int estimate(String[] args) throws UsageException, InvalidInputException, IOException {
    CommandLine cmd = ValidateCommand.parse(options(), args);
    if (cmd.hasOption("help")) {
      help();
      return Main.OK;
    }
    boolean json = ValidateCommand.choice(cmd, "format", "text", Map.of("text", false, "json", true));
    List<String> positional = cmd.getArgList();
    if (positional.size() > 1) throw new UsageException("expected at most one inventory, found " + positional.size() + ": " + positional);
    if (positional.isEmpty()) {
      if (cmd.hasOption("vm")) throw new UsageException("--vm names a VM of an inventory: give the INVENTORY too");
      return parameters(cmd, json);
    }
    for (String fact : VM_FACTS) {
      if (cmd.hasOption(fact)) {
        throw new UsageException("--" + fact + " describes one VM, but with an INVENTORY each VM's own facts are used. Put the value on the "
            + "VM in the inventory (memoryMb, dirtyRateMbps, hotSetMb, a vGPU device), or estimate without an inventory: "
            + "--memory-mb M --link-mbps B ...");
      }
    }
    return inventory(cmd, Path.of(positional.get(0)), json);
  }

  // ---- vmotion estimate --memory-mb M --link-mbps B ...

  private int parameters(CommandLine cmd, boolean json) throws UsageException {
    if (!cmd.hasOption("memory-mb") || !cmd.hasOption("link-mbps")) {
      List<String> missing = new ArrayList<>();
      if (!cmd.hasOption("memory-mb")) missing.add("--memory-mb M");
      if (!cmd.hasOption("link-mbps")) missing.add("--link-mbps B");
      throw new UsageException(String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
          + " required (or give an INVENTORY to estimate its VMs)");
    }
    double memory = decimal(cmd, "memory-mb", "MiB, e.g. 65536 for 64 GiB", true, 24.0 * 1024 * 1024);
    double hot = cmd.hasOption("hot-set-mb") ? decimal(cmd, "hot-set-mb", "MiB", false, 24.0 * 1024 * 1024) : 0;
    if (hot > memory) {
      throw new UsageException("--hot-set-mb " + cmd.getOptionValue("hot-set-mb") + ": cannot exceed --memory-mb "
          + cmd.getOptionValue("memory-mb") + " (the hot set is part of the VM's memory)");
    }
    EstimateInput in = EstimateInput.of(memory, link(cmd))
        .withDirtyMbps(cmd.hasOption("dirty-mbps") ? decimal(cmd, "dirty-mbps", "MiB/s", false, 1024.0 * 1024) : 0)
        .withHotSetMb(hot)
        .withDeviceStateMb(cmd.hasOption("device-state-mb") ? decimal(cmd, "device-state-mb", "MiB", false, 24.0 * 1024 * 1024) : 0);
    Estimate e = PreCopyEstimator.estimate(environment(cmd, in));
    out.print(json ? EstimateJson.write(EstimateJson.of(e)) : EstimateText.of(e));
    return e.verdict() == Verdict.FAILS ? Main.FINDINGS : Main.OK;
  }

  /** The flags that describe the network and vMotion rather than the VM; they apply in both forms. */
  private static EstimateInput environment(CommandLine cmd, EstimateInput in) throws UsageException {
    if (cmd.hasOption("concurrent")) in = in.withConcurrent((int) whole(cmd, "concurrent", 1, 1024));
    if (cmd.hasOption("switchover-ms")) in = in.withSwitchoverMs(decimal(cmd, "switchover-ms", "milliseconds", true, 100_000_000));
    if (cmd.hasOption("efficiency")) {
      double e = decimal(cmd, "efficiency", "a share of the line rate, e.g. 0.9", true, 1);
      in = in.withEfficiency(e);
    }
    if (cmd.hasOption("max-rounds")) in = in.withMaxPrecopyRounds((int) whole(cmd, "max-rounds", 1, 1000));
    if (cmd.hasOption("overhead-s")) in = in.withOverheadSeconds(decimal(cmd, "overhead-s", "seconds", false, 1_000_000));
    return in;
  }

  private static double link(CommandLine cmd) throws UsageException {
    return decimal(cmd, "link-mbps", "Mbit/s, e.g. 10000 for 10 GbE", true, 10_000_000);
  }

  // ---- vmotion estimate INVENTORY [--vm NAME]

  private int inventory(CommandLine cmd, Path file, boolean json) throws UsageException, InvalidInputException, IOException {
    Double link = cmd.hasOption("link-mbps") ? link(cmd) : null;
    // Parsed once before the file is read, so that a bad flag is reported without waiting for a large import.
    int concurrent = environment(cmd, EstimateInput.of(1, 1)).concurrent();
    RuleData data = RuleData.of(List.of(RuleSource.builtin()));
    Inventory inventory = io.vmotion.app.AnyInventory.read(data, new InventoryReader(data.evcModes()), file, err, false, "estimate");
    List<Vm> selected = selected(cmd, inventory);
    List<Vm> vms = new ArrayList<>();
    List<Estimate> estimates = new ArrayList<>();
    // A host without a vMotion adapter cannot send its VMs at all ('validate' says so); its VMs are
    // listed as not estimated rather than failing the estimate of every other VM.
    Map<Vm, String> notEstimated = new LinkedHashMap<>();
    for (Vm vm : selected) {
      Host host = inventory.host(vm.host()).orElseThrow();
      double mbps = link != null ? link : VmotionLink.mbps(host);
      if (mbps <= 0) {
        notEstimated.put(vm, "host " + host.name() + " has no vMotion adapter in the inventory (vmotionNics); give --link-mbps B to assume one");
        continue;
      }
      EstimateInput in = EstimateInput.forVm(vm, mbps, concurrent);
      if (link == null && host.isUnknown("vmotionNics")) {
        in = withNote(in, "host " + host.name() + ": vMotion adapters marked unknown; the " + n(mbps) + " Mbit/s listed is used");
      }
      vms.add(vm);
      estimates.add(PreCopyEstimator.estimate(environment(cmd, in)));
    }
    if (cmd.hasOption("vm")) {
      if (estimates.isEmpty()) throw new UsageException("--vm " + selected.get(0).name() + ": " + notEstimated.values().iterator().next());
      Estimate e = estimates.get(0);
      Vm vm = vms.get(0);
      if (json) {
        out.print(EstimateJson.write(named(vm, e)));
      } else {
        out.print("VM " + vm.name() + " on " + vm.host() + "\n" + EstimateText.of(e));
      }
    } else {
      out.print(json ? EstimateJson.write(all(vms, estimates, notEstimated)) : table(vms, estimates, notEstimated));
    }
    return estimates.stream().anyMatch(e -> e.verdict() == Verdict.FAILS) ? Main.FINDINGS : Main.OK;
  }

  private List<Vm> selected(CommandLine cmd, Inventory inventory) throws UsageException {
    if (!cmd.hasOption("vm")) {
      List<Vm> on = inventory.vms().stream().filter(Vm::poweredOn).toList();
      if (on.isEmpty()) err.println("vmotion estimate: the inventory has no powered-on VM; nothing to estimate");
      return on;
    }
    String name = cmd.getOptionValue("vm");
    for (Vm vm : inventory.vms()) {
      if (!vm.name().equals(name)) continue;
      if (!vm.poweredOn()) {
        throw new UsageException("--vm " + name + ": the VM is " + vm.powerState().json()
            + "; only a powered-on VM is live-migrated, and a cold migration has no pre-copy to estimate");
      }
      return List.of(vm);
    }
    List<String> near = JsonPositions.nearest(name, inventory.vms().stream().map(Vm::name).toList(), 3);
    throw new UsageException("--vm " + name + ": no VM of that name in the inventory" + (near.isEmpty() ? "" : "; closest: " + String.join(", ", near)));
  }

  private static EstimateInput withNote(EstimateInput in, String note) {
    List<String> notes = new ArrayList<>(in.assumptions());
    notes.add(note);
    return new EstimateInput(in.memoryMb(), in.linkMbps(), in.dirtyMbps(), in.hotSetMb(), in.concurrent(), in.switchoverMs(),
        in.deviceStateMb(), in.efficiency(), in.maxPrecopyRounds(), in.overheadSeconds(), notes);
  }

  private static ObjectNode named(Vm vm, Estimate e) {
    ObjectNode o = EstimateJson.JSON.createObjectNode().put("vm", vm.name()).put("host", vm.host());
    o.setAll(EstimateJson.of(e));
    return o;
  }

  private static ObjectNode all(List<Vm> vms, List<Estimate> estimates, Map<Vm, String> notEstimated) {
    ObjectNode root = EstimateJson.JSON.createObjectNode();
    ArrayNode list = root.putArray("estimates");
    double total = 0;
    int[] verdicts = new int[Verdict.values().length];
    for (int i = 0; i < estimates.size(); i++) {
      list.add(named(vms.get(i), estimates.get(i)));
      total += estimates.get(i).totalSeconds();
      verdicts[estimates.get(i).verdict().ordinal()]++;
    }
    root.putObject("summary")
        .put("vms", estimates.size())
        .put("totalSeconds", EstimateJson.number(total))
        .put("ok", verdicts[Verdict.OK.ordinal()])
        .put("needsSdps", verdicts[Verdict.NEEDS_SDPS.ordinal()])
        .put("fails", verdicts[Verdict.FAILS.ordinal()])
        .put("notEstimated", notEstimated.size());
    ArrayNode skipped = root.putArray("notEstimated");
    notEstimated.forEach((vm, why) -> skipped.addObject().put("vm", vm.name()).put("host", vm.host()).put("reason", why));
    return root;
  }

  /** One line per VM; "basis" says which facts the estimate rests on, so a lower bound is visible as one. */
  private static String table(List<Vm> vms, List<Estimate> estimates, Map<Vm, String> notEstimated) {
    int width = 2;
    for (Vm vm : vms) width = Math.max(width, vm.name().length());
    int hostWidth = 4;
    for (Vm vm : vms) hostWidth = Math.max(hostWidth, vm.host().length());
    StringBuilder sb = new StringBuilder();
    String row = "%-" + width + "s  %-" + hostWidth + "s  %10s  %11s  %-13s  %6s  %9s  %11s  %s\n";
    sb.append(String.format(Locale.ROOT, row, "VM", "host", "memory MiB", "link Mbit/s", "basis", "rounds", "total s", "downtime ms", "verdict"));
    double total = 0;
    int[] verdicts = new int[Verdict.values().length];
    for (int i = 0; i < estimates.size(); i++) {
      Vm vm = vms.get(i);
      Estimate e = estimates.get(i);
      total += e.totalSeconds();
      verdicts[e.verdict().ordinal()]++;
      sb.append(String.format(Locale.ROOT, row, vm.name(), vm.host(), n(e.input().memoryMb()), n(e.input().linkMbps()), basis(vm),
          e.rounds().size(), String.format(Locale.ROOT, "%.1f", e.totalSeconds()), String.format(Locale.ROOT, "%.1f", e.downtimeMs()),
          e.verdict().json()));
    }
    sb.append('\n');
    notEstimated.forEach((vm, why) -> sb.append("not estimated: ").append(vm.name()).append(": ").append(why).append('\n'));
    if (!notEstimated.isEmpty()) sb.append('\n');
    sb.append(String.format(Locale.ROOT, "%d VMs: %d ok, %d needs-sdps, %d fails; one after another they take %s\n", estimates.size(),
        verdicts[Verdict.OK.ordinal()], verdicts[Verdict.NEEDS_SDPS.ordinal()], verdicts[Verdict.FAILS.ordinal()], duration(total)));
    sb.append("basis: the facts the estimate rests on; \"memory only\" is a lower bound (nothing known of how the guest writes).\n");
    sb.append("'vmotion estimate INVENTORY --vm NAME' shows a VM's rounds and assumptions.\n");
    return sb.toString();
  }

  private static String basis(Vm vm) {
    if (vm.dirtyRateMbps().isPresent()) return vm.hotSetMb().isPresent() ? "dirty+hot set" : "dirty rate";
    if (vm.hotSetMb().isPresent()) return "hot set";
    if (vm.activeMemoryMb().isPresent()) return "active memory";
    return "memory only";
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) return s + " s";
    long h = s / 3600;
    long m = (s % 3600) / 60;
    return h > 0 ? h + " h " + m + " min" : m + " min " + (s % 60) + " s";
  }

  // ---- flags

  /** A decimal flag: plain digits with an optional fraction or exponent (no NaN, no infinity), above 0 or at least 0. */
  private static double decimal(CommandLine cmd, String option, String unit, boolean aboveZero, double max) throws UsageException {
    String v = cmd.getOptionValue(option);
    BigDecimal d;
    try {
      d = new BigDecimal(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " " + v + ": not a number; give " + unit);
    }
    double x = d.doubleValue();
    if (aboveZero ? x <= 0 : x < 0) {
      throw new UsageException("--" + option + " " + v + ": must be " + (aboveZero ? "above 0" : "at least 0") + " (" + unit + ")");
    }
    if (x > max) throw new UsageException("--" + option + " " + v + ": must be at most " + n(max) + " (" + unit + ")");
    return x;
  }

  private static long whole(CommandLine cmd, String option, long min, long max) throws UsageException {
    String v = cmd.getOptionValue(option);
    try {
      long n = Long.parseLong(v.trim());
      if (n < min || n > max) throw new UsageException("--" + option + " " + v + ": must be a whole number from " + min + " to " + max);
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " " + v + ": not a whole number; give one from " + min + " to " + max);
    }
  }

  private static String n(double v) {
    return EstimateJson.number(v).toPlainString();
  }

  private void help() {
    StringWriter s = new StringWriter();
    HelpFormatter formatter = new HelpFormatter();
    formatter.setOptionComparator(null); // the VM's facts first, then the link and vMotion's settings, as the model reads them
    formatter.printHelp(new PrintWriter(s), 100, USAGE_LINES,
        "\nEstimate how long a vMotion takes and how long the VM is stunned, from the iterative pre-copy model of "
            + "docs/estimation.md: round 0 sends the memory, each later round what the guest dirtied meanwhile, until a round fits "
            + "the switchover target. Sizes are MiB, rates MiB/s, link speeds Mbit/s.\n\n"
            + "With an INVENTORY, each powered-on VM is estimated from its own facts (memoryMb, dirtyRateMbps, hotSetMb, "
            + "activeMemoryMb, vGPU profiles) over the vMotion adapters of its host.\n\n",
        options(), 2, 4,
        "\nVerdicts: ok (converges on its own), needs-sdps (vMotion must slow the guest), fails (the stun would exceed ESXi's "
            + n(PreCopyDefaults.MAX_STUN_SECONDS) + " s maximum switchover time).\n"
            + "Exit codes: 0 estimated, 1 a move fails, 2 bad usage or input.");
    out.print(s.toString().replace(System.lineSeparator(), "\n"));
  }
}
