package io.vmotion.inventory.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What kind of file an inventory argument is, told from its content rather than its name. */
public enum InventoryFormat {
  /** Inventory format v1, or anything that is not one of the others: the strict reader reports it. */
  INVENTORY_V1,
  /** An Excel workbook (.xlsx): a ZIP holding xl/workbook.xml, as RVTools writes it. */
  XLSX,
  /** A ZIP that is not an Excel workbook. */
  OTHER_ZIP,
  /** A JSON dump of vSphere managed objects with govmomi's field names. */
  VSPHERE_JSON;

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  /** Top-level arrays that only a vSphere dump has. */
  private static final Set<String> VSPHERE_ONLY = Set.of("clusters", "datastores", "networks");

  public static InventoryFormat detect(Path file) throws IOException {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 4);
    }
    if (n == 4 && java.util.Arrays.equals(head, ZIP_MAGIC)) {
      try (ZipFile zip = new ZipFile(file.toFile())) {
        ZipEntry workbook = zip.getEntry("xl/workbook.xml");
        return workbook != null ? XLSX : OTHER_ZIP;
      } catch (IOException e) {
        return OTHER_ZIP;
      }
    }
    return looksLikeVsphere(file) ? VSPHERE_JSON : INVENTORY_V1;
  }

  /**
   * Streams the top of the JSON: a vSphere dump has "clusters"/"datastores"/"networks" arrays, or
   * hosts and VMs whose objects carry govmomi's capitalized fields ("Self", "Name"), or is an array
   * of such objects. Reads only as far as it must; malformed JSON is left to the strict reader.
   */
  static boolean looksLikeVsphere(Path file) {
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        return p.nextToken() == JsonToken.START_OBJECT && firstObjectIsManagedObject(p);
      }
      if (t != JsonToken.START_OBJECT) return false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_ARRAY && VSPHERE_ONLY.contains(field)) return true;
        if (value == JsonToken.START_ARRAY && (field.equals("hosts") || field.equals("vms"))) {
          if (p.nextToken() == JsonToken.START_OBJECT) return firstObjectIsManagedObject(p);
          return false;
        }
        p.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** At START_OBJECT: does the object have a "Self" reference or govmomi-style capitalized fields? */
  private static boolean firstObjectIsManagedObject(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      // govc before 0.35 writes Go names ("Self"); later ones camelCase with each object's "_typeName" first.
      if (field.equals("Self") || field.equals("Obj") || field.equals("self") || field.equals("_typeName")) return true;
      if (field.equals("name") || field.equals("host") || field.equals("cpu")) return false;
      p.nextToken();
      p.skipChildren();
    }
    return false;
  }
}
