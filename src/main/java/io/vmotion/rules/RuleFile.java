package io.vmotion.rules;

/**
 * A file of a rule set: {@code name} is its path relative to the set's root ("cpu.drl",
 * "data/editions.json"); {@code displayPath} is where a user finds it, for messages.
 */
public record RuleFile(String name, String displayPath, String text) {}
