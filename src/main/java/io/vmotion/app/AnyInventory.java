package io.vmotion.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.imports.EvcCatalog;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.InventoryFormat;
import io.vmotion.inventory.rvtools.RvToolsImporter;
import io.vmotion.inventory.vsphere.VsphereImporter;
import io.vmotion.rules.RuleData;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.GuestOs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An inventory in whichever format the user has: inventory v1 as it is, or an RVTools workbook or a
 * vSphere dump imported first (told apart by content, not by name). The importers take their EVC
 * and guest OS vocabulary from the rule data, which is why this lives above both rooms.
 */
public final class AnyInventory {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AnyInventory() {}

  /**
   * Reads {@code file} in any format, printing an import's warnings to {@code notes}; an import
   * that yields no VM, or no powered-on VM, is refused (exit 2) unless {@code allowEmpty}.
   */
  public static Inventory read(RuleData rules, InventoryReader reader, Path file, PrintStream notes, boolean allowEmpty, String command)
      throws InvalidInputException, IOException {
    return read(rules, reader, file, file.toString(), notes, allowEmpty, command);
  }

  /** As above, naming the input {@code name} (a copy of stdin or of a pipe is named as the user gave it). */
  public static Inventory read(RuleData rules, InventoryReader reader, Path file, String name, PrintStream notes, boolean allowEmpty,
      String command) throws InvalidInputException, IOException {
    InventoryFormat format = Files.exists(file) ? detect(file) : InventoryFormat.INVENTORY_V1;
    ImportResult result;
    switch (format) {
      case XLSX -> result = new RvToolsImporter(catalog(rules), guestLabels(rules)).read(file);
      case VSPHERE_JSON -> result = new VsphereImporter(catalog(rules)).read(file);
      case OTHER_ZIP -> throw notWorkbook(file, format);
      default -> {
        return reader.read(file, name);
      }
    }
    result.warnings().forEach(w -> notes.println(w.replace(file.toString(), name)));
    requireSomethingToCheck(result, Path.of(name), allowEmpty, notes, command);
    return reader.read(name + " (imported)", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.inventory()));
  }

  /**
   * The one check of every import, RVTools or vSphere, for every command: an import with no VM, or
   * none powered on, would validate green while checking nothing, so it is an input error that says
   * what the source lacked; {@code --allow-empty} accepts it with a warning.
   */
  public static void requireSomethingToCheck(ImportResult result, Path file, boolean allowEmpty, PrintStream notes, String command)
      throws InvalidInputException {
    if (result.emptyImport().isEmpty()) return;
    String why = result.emptyImport().get();
    if (allowEmpty) {
      notes.println("vmotion " + command + ": warning: " + file + ": " + why + "; accepted (--allow-empty), nothing to check");
      return;
    }
    throw InvalidInputException.of(file.toString(), why + "; nothing would be checked. Complete the export, or pass --allow-empty to accept it");
  }

  public static EvcCatalog catalog(RuleData rules) {
    Map<String, Set<String>> features = new LinkedHashMap<>();
    Map<String, String> vendors = new LinkedHashMap<>();
    for (EvcBaseline b : rules.baselines().values()) {
      features.put(b.key(), b.features());
      vendors.put(b.key(), b.vendor());
    }
    return new EvcCatalog(features, vendors);
  }

  /** Guest OS id → label, from rules/data/guest-os.json, to map RVTools' OS names to ids. */
  public static Map<String, String> guestLabels(RuleData rules) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Object fact : rules.facts()) {
      if (fact instanceof GuestOs g) labels.put(g.guestId(), g.label());
    }
    return labels;
  }

  public static InventoryFormat detect(Path file) throws InvalidInputException {
    try {
      if (Files.isDirectory(file)) throw InvalidInputException.of(file.toString(), "is a directory; give a file");
      return InventoryFormat.detect(file);
    } catch (NoSuchFileException e) {
      throw InvalidInputException.of(file.toString(), "no such file");
    } catch (IOException e) {
      throw InvalidInputException.of(file.toString(), "cannot read: " + e.getMessage());
    }
  }

  public static InvalidInputException notWorkbook(Path file, InventoryFormat format) {
    String what = format == InventoryFormat.OTHER_ZIP
        ? "a ZIP archive but not an Excel workbook (it has no xl/workbook.xml)"
        : "not an Excel workbook (.xlsx files start with the ZIP signature PK)";
    return InvalidInputException.of(file.toString(), what + "; export from RVTools with 'Export all to Excel'");
  }
}
