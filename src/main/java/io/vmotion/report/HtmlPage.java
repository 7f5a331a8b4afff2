package io.vmotion.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One self-contained HTML page: inline CSS and script, no fetch of any kind (a Content Security
 * Policy forbids every load, so the page opens offline from an email attachment and cannot be
 * made to call out), a header, and numbered sections with a table of contents. A command builds
 * its page from sections; {@code validate} has its own ({@link HtmlReport}), and a plan's runbook or
 * a verification's diagrams are further sections on the same page type.
 */
public final class HtmlPage {

  /** Writes the body of a section (or of the header) as HTML; data must go through {@link Html}. */
  @FunctionalInterface
  public interface Body {
    void write(Writer out) throws IOException;
  }

  private record Section(String id, String heading, Body body) {}

  static final String CSS = resource("page.css");
  static final String SCRIPT = resource("page.js");
  /** Nothing may be loaded: styles and the script are inline, images are drawn as inline SVG. */
  static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

  private final String title;
  private Body header = out -> {};
  private final List<Section> sections = new ArrayList<>();
  private String footer = "";

  public HtmlPage(String title) {
    this.title = title;
  }

  /** The page's header, above the table of contents. */
  public HtmlPage header(Body body) {
    this.header = body;
    return this;
  }

  /** A section with an {@code id} (its anchor) and a heading, in the order added. */
  public HtmlPage section(String id, String heading, Body body) {
    sections.add(new Section(id, heading, body));
    return this;
  }

  /** A line of plain text at the foot of the page. */
  public HtmlPage footer(String text) {
    this.footer = text;
    return this;
  }

  public void write(Writer out) throws IOException {
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + POLICY + "\">\n");
    out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.write("<title>" + Html.text(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<header>\n");
    header.write(out);
    out.write("</header>\n<nav aria-label=\"Sections\">");
    for (Section s : sections) out.write("<a href=\"#" + s.id() + "\">" + Html.text(s.heading()) + "</a>");
    out.write("</nav>\n<main>\n");
    for (Section s : sections) {
      out.write("<section id=\"" + s.id() + "\" aria-labelledby=\"" + s.id() + "-h\">\n<h2 id=\"" + s.id() + "-h\">" + Html.text(s.heading()) + "</h2>\n");
      s.body().write(out);
      out.write("</section>\n");
    }
    out.write("</main>\n<footer>" + Html.text(footer) + "</footer>\n<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("the page's " + name + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
