package io.vmotion.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A JSON input file read as text: bounded in size, UTF-8 with or without a byte-order mark, and
 * anything else (UTF-16 or UTF-32, bytes that are not UTF-8, a legacy or password-protected Excel
 * file, binary) refused with a message that names what the file is and how to fix it, instead of
 * the decoder's "Input length = 1".
 */
public final class InputText {

  /** Plans and waivers are small; an inventory has its own, larger limit. */
  public static final long MAX_SMALL_FILE_BYTES = 64L << 20;

  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

  private InputText() {}

  /** The file's text; {@code what} says what was expected ("a plan JSON file"), for messages. */
  public static String read(Path file, long maxBytes, String what) throws InvalidInputException {
    String name = file.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) throw InvalidInputException.of(name, "is a directory; give the path of " + what);
      if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
        throw InvalidInputException.of(name, "is " + Files.size(file) + " bytes; files larger than " + maxBytes + " bytes are refused here");
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      }
      if (bytes.length > maxBytes) throw InvalidInputException.of(name, "holds more than " + maxBytes + " bytes; larger inputs are refused here");
    } catch (NoSuchFileException e) {
      throw InvalidInputException.of(name, "no such file; give the path of " + what);
    } catch (AccessDeniedException e) {
      throw InvalidInputException.of(name, "permission denied; make the file readable");
    } catch (IOException e) {
      throw InvalidInputException.of(name, "cannot read: " + e.getMessage());
    }
    return decode(name, bytes);
  }

  public static String decode(String name, byte[] b) throws InvalidInputException {
    if (startsWith(b, OLE2)) {
      throw InvalidInputException.of(name, "this is a password-protected or legacy (.xls) Excel file, which cannot be read;"
          + " open it in Excel, remove the password if it has one, and save it as .xlsx");
    }
    if (startsWith(b, new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}) || startsWith(b, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0})) {
      throw InvalidInputException.of(name, "is UTF-32 text; save it as UTF-8");
    }
    if (startsWith(b, new byte[] {(byte) 0xFE, (byte) 0xFF}) || startsWith(b, new byte[] {(byte) 0xFF, (byte) 0xFE}) || looksUtf16(b)) {
      throw InvalidInputException.of(name, "is UTF-16 text (as Windows PowerShell's '>' writes it); save it as UTF-8,"
          + " e.g. with Out-File -Encoding utf8 or iconv -f UTF-16 -t UTF-8");
    }
    int from = startsWith(b, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, b.length - from)).toString();
      if (text.indexOf('\0') >= 0) throw InvalidInputException.of(name, "is binary, not JSON text (it holds NUL bytes)");
      return text;
    } catch (CharacterCodingException e) {
      int at = firstInvalidUtf8(b, from);
      throw InvalidInputException.of(name, (binary(b) ? "is binary, not JSON text" : "is not valid UTF-8 (byte " + at
          + " cannot start or continue a character; the file is perhaps Latin-1 or Windows-1252)") + "; save it as UTF-8");
    }
  }

  private static final Pattern JACKSON_HINTS = Pattern.compile(
      "\\s*(;|:|\\()?\\s*(to allow|enable|use|set) [^)]*`[^`]+`[^)]*\\)?(?= |$)|\\s*\\(through reference chain.*$|\\s*\\(for input String.*\\)");

  /**
   * A JSON parser's message in plain words: data after the value, and without the parser's hints
   * about its own settings ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`"), which the user
   * cannot act on.
   */
  public static String jsonMessage(JsonProcessingException e) {
    String m = e.getOriginalMessage().replace('\n', ' ');
    if (m.startsWith("Trailing token")) {
      return "more data after the end of the JSON value; a file holds exactly one JSON document (were two files concatenated?)";
    }
    if (m.contains("maximum") && m.contains("StreamReadConstraints")) return "a value longer than any inventory needs";
    return "malformed JSON: " + JACKSON_HINTS.matcher(m).replaceAll("").strip();
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
    return true;
  }

  /** ASCII JSON as UTF-16 without a mark: many of the first bytes at one parity are zero, none at the other. */
  private static boolean looksUtf16(byte[] b) {
    int n = Math.min(b.length, 64) & ~1;
    if (n < 4) return false;
    int evenZero = 0;
    int oddZero = 0;
    for (int i = 0; i < n; i += 2) {
      if (b[i] == 0) evenZero++;
      if (b[i + 1] == 0) oddZero++;
    }
    int half = n / 2;
    return evenZero * 5 >= half * 2 && oddZero == 0 || oddZero * 5 >= half * 2 && evenZero == 0;
  }

  private static boolean binary(byte[] b) {
    int n = Math.min(b.length, 512);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xff;
      if (c < 0x09 || c > 0x0d && c < 0x20) control++;
    }
    return control * 10 > n;
  }

  /** The 1-based offset of the first byte that is not part of a well-formed UTF-8 sequence. */
  private static int firstInvalidUtf8(byte[] b, int from) {
    int i = from;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int more = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
      if (more < 0) return i + 1;
      for (int k = 1; k <= more; k++) {
        if (i + k >= b.length || (b[i + k] & 0xC0) != 0x80) return i + k + 1;
      }
      i += more + 1;
    }
    return b.length;
  }
}
