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
 * failing the build. Each unknown fact's cause is stated once, as a property of the run.
 */
public final class JunitReport implements ReportFormat {

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    Map<String, List<Finding>> byPair = new HashMap<>();
    for (Finding f : input.evaluation().findings()) {
      byPair.computeIfAbsent(f.vm() + "\u0000" + f.target(), k -> new ArrayList<>()).add(f);
    }
    List<CheckedVm> vms = input.evaluation().vms();
    long tests = vms.stream().mapToLong(v -> v.targets().size()).sum();
    long failures = vms.stream().mapToLong(v -> v.targets().size() - v.compatibleTargets().size() - v.undecidedTargets().size()).sum();
    long skipped = vms.stream().mapToLong(v -> v.undecidedTargets().size()).sum();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "vmotion " + input.inventory());
      x.writeAttribute("tests", Long.toString(tests));
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", "0");
      x.writeAttribute("skipped", Long.toString(skipped));
      x.writeCharacters("\n");
      if (!input.evaluation().unknown().isEmpty()) {
        x.writeCharacters("  ");
        x.writeStartElement("properties");
        int n = 0;
        for (io.vmotion.rules.UnknownSummary u : input.evaluation().unknown()) {
          x.writeCharacters("\n    ");
          x.writeEmptyElement("property");
          x.writeAttribute("name", "vmotion.unknown." + (++n));
          x.writeAttribute("value", UnknownSection.describe(u) + (u.fix() == null ? "" : "; fix: " + u.fix()));
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
        x.writeCharacters("\n");
      }
      for (CheckedVm vm : vms) {
        x.writeCharacters("  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", vm.name());
        x.writeAttribute("tests", Integer.toString(vm.targets().size()));
        x.writeAttribute("failures", Integer.toString(vm.targets().size() - vm.compatibleTargets().size() - vm.undecidedTargets().size()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", Integer.toString(vm.undecidedTargets().size()));
        x.writeCharacters("\n");
        for (String target : vm.targets()) {
          List<Finding> findings = byPair.getOrDefault(vm.name() + "\u0000" + target, List.of());
          x.writeCharacters("    ");
          x.writeStartElement("testcase");
          x.writeAttribute("classname", "vmotion." + vm.name());
          x.writeAttribute("name", vm.name() + " from " + vm.host() + " to " + target);
          x.writeAttribute("time", "0");
          StringBuilder notes = new StringBuilder();
          if (vm.undecidedTargets().contains(target)) {
            x.writeCharacters("\n      ");
            x.writeEmptyElement("skipped");
            x.writeAttribute("message", "undecided: " + String.join("; ", findings.stream().filter(Finding::undecided).map(f -> f.rule() + ": " + f.message()).toList()));
          }
          for (Finding f : findings) {
            if (f.severity() == Severity.ERROR && !f.waived()) {
              x.writeCharacters("\n      ");
              x.writeStartElement("failure");
              x.writeAttribute("type", f.rule());
              x.writeAttribute("message", f.rule() + ": " + f.message());
              x.writeCharacters(f.rule() + ": " + f.message() + "\nfix: " + f.remediation());
              x.writeEndElement();
            } else {
              notes.append(f.waived() ? "waived " : "").append(f.severity().json()).append(' ').append(f.rule()).append(": ").append(f.message())
                  .append(f.waived() ? " (waived: " + f.waiver() + ")" : "").append('\n');
            }
          }
          if (notes.length() > 0) {
            x.writeCharacters("\n      ");
            x.writeStartElement("system-out");
            x.writeCharacters(notes.toString());
            x.writeEndElement();
          }
          if (!findings.isEmpty() || vm.undecidedTargets().contains(target)) x.writeCharacters("\n    ");
          x.writeEndElement();
          x.writeCharacters("\n");
        }
        x.writeCharacters("  ");
        x.writeEndElement();
        x.writeCharacters("\n");
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }
}
