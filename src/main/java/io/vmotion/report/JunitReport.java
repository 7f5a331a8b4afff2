package io.vmotion.report;

import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.Finding;
import io.vmotion.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI servers render it: a test suite per VM, a test case per checked target, and a
 * failure per error finding (rule id as its type). A target the known facts leave undecided is a
 * skipped case. Warnings and infos go to the case's system-out, so they are visible without
 * failing the build. Each unknown fact's cause is stated once, as a property of the run. Characters
 * XML 1.0 forbids (ESC, NUL, U+FFFE, lone surrogates) are written as visible escapes, so that any
 * inventory gives a well-formed document.
 */
public final class JunitReport implements ReportFormat {

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    Map<String, List<Finding>> byPair = new HashMap<>();
    for (Finding f : input.findings()) {
      byPair.computeIfAbsent(f.vm() + "\u0000" + f.target(), k -> new ArrayList<>()).add(f);
    }
    List<CheckedVm> vms = input.evaluation().vms();
    long tests = vms.stream().mapToLong(v -> v.targets().size()).sum();
    long failures = vms.stream().mapToLong(v -> v.targets().size() - v.compatibleTargets().size() - v.undecidedTargets().size()).sum();
    long skipped = vms.stream().mapToLong(v -> v.undecidedTargets().size()).sum();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      chars(x, "\n");
      x.writeStartElement("testsuites");
      attr(x, "name", "vmotion " + input.inventory());
      attr(x, "tests", Long.toString(tests));
      attr(x, "failures", Long.toString(failures));
      attr(x, "errors", "0");
      attr(x, "skipped", Long.toString(skipped));
      chars(x, "\n");
      if (!input.evaluation().unknown().isEmpty()) {
        chars(x, "  ");
        x.writeStartElement("properties");
        int n = 0;
        for (io.vmotion.rules.UnknownSummary u : input.evaluation().unknown()) {
          chars(x, "\n    ");
          x.writeEmptyElement("property");
          attr(x, "name", "vmotion.unknown." + (++n));
          attr(x, "value", UnknownSection.describe(u) + (u.fix() == null ? "" : "; fix: " + u.fix()));
        }
        chars(x, "\n  ");
        x.writeEndElement();
        chars(x, "\n");
      }
      for (CheckedVm vm : vms) {
        chars(x, "  ");
        x.writeStartElement("testsuite");
        attr(x, "name", vm.name());
        attr(x, "tests", Integer.toString(vm.targets().size()));
        attr(x, "failures", Integer.toString(vm.targets().size() - vm.compatibleTargets().size() - vm.undecidedTargets().size()));
        attr(x, "errors", "0");
        attr(x, "skipped", Integer.toString(vm.undecidedTargets().size()));
        chars(x, "\n");
        for (String target : vm.targets()) {
          List<Finding> findings = byPair.getOrDefault(vm.name() + "\u0000" + target, List.of());
          chars(x, "    ");
          x.writeStartElement("testcase");
          attr(x, "classname", "vmotion." + vm.name());
          attr(x, "name", vm.name() + " from " + vm.host() + " to " + target);
          attr(x, "time", "0");
          StringBuilder notes = new StringBuilder();
          if (vm.undecidedTargets().contains(target)) {
            chars(x, "\n      ");
            x.writeEmptyElement("skipped");
            attr(x, "message", "undecided: " + String.join("; ", findings.stream().filter(Finding::undecided).map(f -> f.rule() + ": " + f.message()).toList()));
          }
          for (Finding f : findings) {
            if (f.severity() == Severity.ERROR && !f.waived()) {
              chars(x, "\n      ");
              x.writeStartElement("failure");
              attr(x, "type", f.rule());
              attr(x, "message", f.rule() + ": " + f.message());
              chars(x, f.rule() + ": " + f.message() + "\nfix: " + f.remediation());
              x.writeEndElement();
            } else {
              notes.append(f.waived() ? "waived " : "").append(f.severity().json()).append(' ').append(f.rule()).append(": ").append(f.message())
                  .append(f.waived() ? " (waived: " + f.waiver() + ")" : "").append('\n');
            }
          }
          if (notes.length() > 0) {
            chars(x, "\n      ");
            x.writeStartElement("system-out");
            chars(x, notes.toString());
            x.writeEndElement();
          }
          if (!findings.isEmpty() || vm.undecidedTargets().contains(target)) chars(x, "\n    ");
          x.writeEndElement();
          chars(x, "\n");
        }
        chars(x, "  ");
        x.writeEndElement();
        chars(x, "\n");
      }
      x.writeEndElement();
      chars(x, "\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeAttribute(name, Escape.xml(value));
  }

  private static void chars(XMLStreamWriter x, String text) throws XMLStreamException {
    x.writeCharacters(Escape.xml(text));
  }
}
