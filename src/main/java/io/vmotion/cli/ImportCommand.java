package io.vmotion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.app.AnyInventory;
import io.vmotion.app.StagedInput;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.imports.EvcCatalog;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.InventoryFormat;
import io.vmotion.inventory.rvtools.RvToolsImporter;
import io.vmotion.inventory.vsphere.VsphereImporter;
import io.vmotion.report.AtomicOutput;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.RuleData;
import io.vmotion.rules.RuleBuildException;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.GuestOs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code vmotion import rvtools|vsphere FILE [-o OUT]}: converts an RVTools workbook or a vSphere
 * JSON dump to inventory format v1, for review and editing. The inventory goes to stdout (or -o),
 * every gap the import filled goes to stderr.
 */
final class ImportCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final PrintStream err;

  ImportCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE").desc("write the inventory here instead of stdout").get());
    o.addOption(allowEmptyOption());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  /** {@code --allow-empty}, shared with {@code vmotion validate}. */
  static Option allowEmptyOption() {
    return Option.builder().longOpt("allow-empty")
        .desc("accept an import that yields no VM, or no powered-on VM (by default that exits 2: nothing would be checked)").get();
  }

  int run(String[] args) {
    try {
      return importInventory(args);
    } catch (UsageException e) {
      err.println("vmotion import: " + e.getMessage());
      err.println("Run 'vmotion import --help' for the options.");
      return Main.USAGE;
    } catch (InvalidInputException | RuleBuildException | IOException e) {
      return Failure.report(err, "import", e);
    }
  }

  private int importInventory(String[] args) throws UsageException, InvalidInputException, RuleBuildException, IOException {
    CommandLine cmd = ValidateCommand.parse(options(), args);
    if (cmd.hasOption("help")) {
      help();
      return Main.OK;
    }
    List<String> positional = cmd.getArgList();
    if (positional.size() != 2 || !List.of("rvtools", "vsphere").contains(positional.get(0))) {
      throw new UsageException("expected 'rvtools FILE.xlsx' or 'vsphere FILE.json', found " + positional);
    }
    Path given = Path.of(positional.get(1));
    if (cmd.hasOption("output")) AtomicOutput.checkDestination(Path.of(cmd.getOptionValue("output")), List.of(given));
    ImportResult result;
    try (StagedInput staged = StagedInput.of(positional.get(1), System.in, InventoryReader.MAX_BYTES)) {
      result = importFrom(positional.get(0), staged);
    }
    result.warnings().forEach(err::println);
    AnyInventory.requireSomethingToCheck(result, given, cmd.hasOption("allow-empty"), err, "import");
    String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.inventory()) + "\n";
    if (cmd.hasOption("output")) {
      // Whole or not at all, as reports are: an interrupted import never leaves half an inventory.
      AtomicOutput.toFile(Path.of(cmd.getOptionValue("output")), w -> w.write(text));
      err.println("vmotion import: wrote " + result.inventory().get("hosts").size() + " hosts and "
          + result.inventory().get("vms").size() + " VMs to " + cmd.getOptionValue("output"));
    } else {
      out.print(text);
      out.flush();
    }
    return Main.OK;
  }

  private static ImportResult importFrom(String kind, StagedInput staged) throws InvalidInputException, RuleBuildException, IOException {
    Path file = staged.path();
    RuleData rules = RuleBase.builtin().data();
    EvcCatalog evc = AnyInventory.catalog(rules);
    InventoryFormat format = AnyInventory.detect(file);
    try {
      if (kind.equals("rvtools")) {
        if (format != InventoryFormat.XLSX) throw AnyInventory.notWorkbook(file, format);
        return new RvToolsImporter(evc, AnyInventory.guestLabels(rules)).read(file);
      }
      if (format == InventoryFormat.XLSX) {
        throw InvalidInputException.of(file.toString(), "this is an Excel workbook; use 'vmotion import rvtools " + staged.name() + "'");
      }
      return new VsphereImporter(evc).read(file);
    } catch (InvalidInputException e) {
      throw e.renamed(file.toString(), staged.name());
    }
  }

  private void help() {
    out.print(Help.render("vmotion import rvtools FILE.xlsx | vsphere FILE.json [-o inventory.json]",
        "Convert an RVTools export or a vSphere (govc) JSON dump to inventory format v1, for review and editing. "
            + "Gaps in the source are filled with documented defaults, marked unknown with their causes, and listed on stderr. "
            + "An import with no VM, or no powered-on VM, exits 2 unless --allow-empty. FILE - reads stdin.",
        options(), "'vmotion validate FILE' accepts both formats directly. See docs/importing.md."));
  }
}
