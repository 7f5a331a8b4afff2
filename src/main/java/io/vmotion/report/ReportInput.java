package io.vmotion.report;

import io.vmotion.rules.Evaluation;
import io.vmotion.rules.RuleInfo;
import java.util.List;

/** What a report renders: where the inventory came from, how it was checked, and what was found. */
public record ReportInput(String inventory, String mode, Evaluation evaluation, List<RuleInfo> rules) {}
